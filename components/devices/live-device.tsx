"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/format";
import { DefinitionRows } from "../ui/definition-rows";
import { fetchJson } from "../ui/fetch-json";
import { formatBytes, formatRate } from "./format";
import { RelativeTime } from "./relative-time";
import { StatusDot } from "./status-dot";
import { DEVICE_REFRESH_MS, type DeviceView } from "./wire";

/** One device, refreshed every 10 s; components with the same device share the request. */
function useLiveDevice(initial: DeviceView): DeviceView {
  const { data } = useQuery({
    queryKey: ["device", initial.id],
    queryFn: ({ signal }) => fetchJson<{ device: DeviceView }>(`/api/v1/devices/${initial.id}`, signal),
    initialData: { device: initial },
    refetchInterval: DEVICE_REFRESH_MS,
  });
  return data.device;
}

export function LiveDeviceStatus({ initial }: { initial: DeviceView }) {
  const device = useLiveDevice(initial);
  return <StatusDot latestHandshakeAt={device.latestHandshakeAt} statsUpdatedAt={device.statsUpdatedAt} />;
}

export function LiveDeviceStats({ initial }: { initial: DeviceView }) {
  const device = useLiveDevice(initial);
  return (
    <DefinitionRows
      rows={[
        [
          "Latest handshake",
          device.latestHandshakeAt ? (
            <span key="h">
              {formatDateTime(device.latestHandshakeAt)} (<RelativeTime date={device.latestHandshakeAt} />)
            </span>
          ) : (
            "Never"
          ),
        ],
        ["Received", <Total key="rx" bytes={device.rxBytes} rate={device.rxBytesPerSecond} />],
        ["Sent", <Total key="tx" bytes={device.txBytes} rate={device.txBytesPerSecond} />],
        ["Remote endpoint", device.remoteEndpoint ?? "—"],
        ["Stats changed", <RelativeTime key="s" date={device.statsUpdatedAt} never="Not collected yet" />],
      ]}
    />
  );
}

function Total({ bytes, rate }: { bytes: string; rate: number | null }) {
  return (
    <span className="tabular-nums">
      {formatBytes(bytes)}
      {rate !== null && <span className="ml-2 text-muted" data-testid="rate">{formatRate(rate)}</span>}
    </span>
  );
}
