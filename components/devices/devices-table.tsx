import Link from "next/link";
import type { ReactNode } from "react";
import type { DeviceSort, SortDirection } from "@/lib/devices/list-params";
import { EmptyState } from "../ui/empty-state";
import { QueryLink } from "../ui/query-link";
import { formatBytes, formatRate } from "./format";
import { RelativeTime } from "./relative-time";
import { StatusDot } from "./status-dot";
import type { DeviceView } from "./wire";

/** What a row shows: the admin list delivers only this, My devices the whole device. */
export type DeviceRowView = Pick<
  DeviceView,
  "id" | "name" | "description" | "ipv4" | "ipv6" | "rxBytes" | "txBytes" | "rxBytesPerSecond" | "txBytesPerSecond" | "latestHandshakeAt" | "statsUpdatedAt"
> & { user: { email: string } };

/** Column headers that sort: the current sort, and the link each header leads to. */
export interface TableSorting {
  sort: DeviceSort;
  dir: SortDirection;
  hrefFor: (sort: DeviceSort) => string;
}

const headerClass = "py-2.5 font-medium";

function Header({ label, sort, sorting, className }: { label: string; sort?: DeviceSort; sorting?: TableSorting; className: string }) {
  if (!sort || !sorting) return <th className={`${className} ${headerClass}`}>{label}</th>;
  const isActive = sorting.sort === sort;
  const ariaSort = isActive ? (sorting.dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th className={`${className} ${headerClass}`} aria-sort={ariaSort}>
      <QueryLink href={sorting.hrefFor(sort)} className={`inline-flex items-center gap-1 uppercase hover:text-foreground ${isActive ? "text-foreground" : ""}`}>
        {label}
        <span aria-hidden className={isActive ? "" : "opacity-0"}>
          {isActive && sorting.dir === "desc" ? "▼" : "▲"}
        </span>
      </QueryLink>
    </th>
  );
}

export function DevicesTable({
  devices,
  showOwner = false,
  emptyText,
  empty,
  sorting,
}: {
  devices: DeviceRowView[];
  showOwner?: boolean;
  emptyText?: string;
  /** Replaces the default empty state (a search without matches, a page past the end). */
  empty?: ReactNode;
  sorting?: TableSorting;
}) {
  if (devices.length === 0) return empty ?? <EmptyState title="No devices yet">{emptyText}</EmptyState>;
  return (
    <div className="-mx-5 -my-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
          <tr>
            <Header label="Device" sort="name" sorting={sorting} className="px-5" />
            {showOwner && <Header label="Owner" sort="owner" sorting={sorting} className="px-3" />}
            <Header label="Status" sort="status" sorting={sorting} className="px-3" />
            <Header label="Addresses" sorting={sorting} className="px-3" />
            <Header label="Last handshake" sort="handshake" sorting={sorting} className="px-3" />
            <Header label="Received / sent" sort="traffic" sorting={sorting} className="px-5 text-right" />
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {devices.map((device) => (
            <tr key={device.id} data-device={device.name}>
              <td className="px-5 py-3">
                <Link href={`/devices/${device.id}`} className="font-medium text-accent hover:underline">
                  {device.name}
                </Link>
                {device.description && <p className="max-w-56 truncate text-xs text-muted">{device.description}</p>}
              </td>
              {showOwner && <td className="px-3 py-3">{device.user.email}</td>}
              <td className="whitespace-nowrap px-3 py-3">
                <StatusDot latestHandshakeAt={device.latestHandshakeAt} statsUpdatedAt={device.statsUpdatedAt} />
              </td>
              <td className="px-3 py-3 font-mono text-xs">
                <div>{device.ipv4}</div>
                <div className="text-muted">{device.ipv6}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-muted">{device.statsUpdatedAt ? <RelativeTime date={device.latestHandshakeAt} /> : "—"}</td>
              <td className="whitespace-nowrap px-5 py-3 text-right tabular-nums">
                <div>
                  {formatBytes(device.rxBytes)} / {formatBytes(device.txBytes)}
                </div>
                {device.rxBytesPerSecond !== null && (
                  <div className="text-xs text-muted" aria-label="Current rate">
                    <span title="Receiving">↓ {formatRate(device.rxBytesPerSecond)}</span> <span title="Sending">↑ {formatRate(device.txBytesPerSecond)}</span>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
