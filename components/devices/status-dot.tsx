import { cn } from "../ui/cn";
import { connectionStatus, formatAge } from "./format";

const styles = { online: "bg-success", idle: "bg-warning", offline: "bg-danger" } as const;
const labels = { online: "Connected", idle: "Idle", offline: "Not connected" } as const;

/** Without collected stats there is nothing to say about the connection: neutral, not "offline". */
export function StatusDot({ latestHandshakeAt, statsUpdatedAt }: { latestHandshakeAt: Date | string | null; statsUpdatedAt: Date | string | null }) {
  if (!statsUpdatedAt) {
    return (
      <span className="inline-flex items-center gap-2" title="WireGUI has not collected stats for this device yet">
        <span className="size-2.5 rounded-full bg-border" aria-hidden />
        <span className="text-sm text-muted">No stats yet</span>
      </span>
    );
  }
  const status = connectionStatus(latestHandshakeAt);
  return (
    <span className="inline-flex items-center gap-2" title={`Last handshake: ${formatAge(latestHandshakeAt)}`} suppressHydrationWarning>
      <span className={cn("size-2.5 rounded-full", styles[status])} aria-hidden />
      <span className="text-sm">{labels[status]}</span>
    </span>
  );
}
