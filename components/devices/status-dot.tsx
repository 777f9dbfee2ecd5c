"use client";

import { cn } from "../ui/cn";
import { connectionStatus, formatAge } from "./format";
import { useNow } from "./use-now";

const styles = { online: "bg-success", idle: "bg-warning", offline: "bg-danger" } as const;
const labels = { online: "Connected", idle: "Idle", offline: "Not connected" } as const;

/**
 * Green under 2 minutes since the handshake, yellow under 5, red otherwise; re-evaluated every 10 s.
 * Without collected stats there is nothing to say about the connection: neutral, not "offline".
 */
export function StatusDot({ latestHandshakeAt, statsUpdatedAt }: { latestHandshakeAt: Date | string | null; statsUpdatedAt: Date | string | null }) {
  const now = useNow();
  if (!statsUpdatedAt) {
    return (
      <span className="inline-flex items-center gap-2" title="WireGUI has not collected stats for this device yet">
        <span className="size-2.5 rounded-full bg-border" aria-hidden />
        <span className="text-sm text-muted">No stats yet</span>
      </span>
    );
  }
  const status = connectionStatus(latestHandshakeAt, now);
  return (
    <span className="inline-flex items-center gap-2" title={`Last handshake: ${formatAge(latestHandshakeAt, now)}`} suppressHydrationWarning>
      <span className={cn("size-2.5 rounded-full", styles[status])} aria-hidden suppressHydrationWarning />
      <span className="text-sm" suppressHydrationWarning>
        {labels[status]}
      </span>
    </span>
  );
}
