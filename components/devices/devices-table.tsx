import Link from "next/link";
import type { PresentedDevice } from "@/lib/server/devices";
import { EmptyState } from "../ui/empty-state";
import { formatAge, formatBytes } from "./format";
import { StatusDot } from "./status-dot";

export function DevicesTable({ devices, showOwner = false, emptyText }: { devices: PresentedDevice[]; showOwner?: boolean; emptyText: string }) {
  if (devices.length === 0) return <EmptyState title="No devices yet">{emptyText}</EmptyState>;
  return (
    <div className="-mx-5 -my-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-5 py-2.5 font-medium">Device</th>
            {showOwner && <th className="px-3 py-2.5 font-medium">Owner</th>}
            <th className="px-3 py-2.5 font-medium">Status</th>
            <th className="px-3 py-2.5 font-medium">Addresses</th>
            <th className="px-3 py-2.5 font-medium">Last handshake</th>
            <th className="px-5 py-2.5 text-right font-medium">Received / sent</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {devices.map((device) => (
            <tr key={device.id}>
              <td className="px-5 py-3">
                <Link href={`/devices/${device.id}`} className="font-medium text-accent hover:underline">
                  {device.name}
                </Link>
                {device.description && <p className="max-w-xs truncate text-xs text-muted">{device.description}</p>}
              </td>
              {showOwner && <td className="px-3 py-3">{device.user.email}</td>}
              <td className="whitespace-nowrap px-3 py-3">
                <StatusDot latestHandshakeAt={device.latestHandshakeAt} statsUpdatedAt={device.statsUpdatedAt} />
              </td>
              <td className="px-3 py-3 font-mono text-xs">
                <div>{device.ipv4}</div>
                <div className="text-muted">{device.ipv6}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-muted">{device.statsUpdatedAt ? formatAge(device.latestHandshakeAt) : "—"}</td>
              <td className="whitespace-nowrap px-5 py-3 text-right tabular-nums">
                {formatBytes(device.rxBytes)} / {formatBytes(device.txBytes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
