// Human units and connection status, shared by device lists and the detail page.
import { IDLE_WITHIN_MS, ONLINE_WITHIN_MS } from "@/lib/devices/connection-status";

export function formatBytes(value: string | number | bigint): string {
  let amount = Number(value);
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let unit = 0;
  while (amount >= 1024 && unit < units.length - 1) {
    amount /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? amount : amount.toFixed(amount >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** A rate in human units, or a dash when unknown. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  return bytesPerSecond === null || bytesPerSecond === undefined ? "—" : `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

export type ConnectionStatus = "online" | "idle" | "offline";

/** Green under 2 minutes since the last handshake, yellow under 5, red otherwise or never. */
export function connectionStatus(latestHandshakeAt: Date | string | null, now = Date.now()): ConnectionStatus {
  if (!latestHandshakeAt) return "offline";
  const age = now - new Date(latestHandshakeAt).getTime();
  if (age < ONLINE_WITHIN_MS) return "online";
  if (age < IDLE_WITHIN_MS) return "idle";
  return "offline";
}

export function formatAge(date: Date | string | null, now = Date.now()): string {
  if (!date) return "Never";
  const seconds = Math.max(0, Math.round((now - new Date(date).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
