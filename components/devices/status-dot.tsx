import { cn } from "../ui/cn";
import { connectionStatus, formatAge } from "./format";

const styles = { online: "bg-success", idle: "bg-warning", offline: "bg-danger" } as const;
const labels = { online: "Connected", idle: "Idle", offline: "Not connected" } as const;

export function StatusDot({ latestHandshakeAt }: { latestHandshakeAt: Date | string | null }) {
  const status = connectionStatus(latestHandshakeAt);
  return (
    <span className="inline-flex items-center gap-2" title={`Last handshake: ${formatAge(latestHandshakeAt)}`}>
      <span className={cn("size-2.5 rounded-full", styles[status])} aria-hidden />
      <span className="text-sm">{labels[status]}</span>
    </span>
  );
}
