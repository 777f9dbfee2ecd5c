import Link from "next/link";
import { EmptyState } from "../ui/empty-state";
import { formatBytes, formatRate } from "./format";
import { RelativeTime } from "./relative-time";
import { StatusDot } from "./status-dot";
import type { DeviceView } from "./wire";

export function DevicesTable({ devices, showOwner = false, emptyText }: { devices: DeviceView[]; showOwner?: boolean; emptyText: string }) {
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
