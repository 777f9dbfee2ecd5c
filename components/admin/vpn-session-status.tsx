import { formatDateTime } from "@/lib/format";
import type { VpnSessionStatus } from "@/lib/users/vpn-session";
import { Badge } from "../ui/badge";

/** A user's VPN session on their admin page: never expires, active until, expired, not signed in yet. */
export function VpnSessionStatusText({ status }: { status: VpnSessionStatus }) {
  switch (status.kind) {
    case "unlimited":
      return <span>Never expires</span>;
    case "active":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="success">Active</Badge> expires at {formatDateTime(status.endsAt)}
        </span>
      );
    case "expired":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="danger">Expired</Badge> at {formatDateTime(status.endedAt)}; devices off until they sign in
        </span>
      );
    case "not-signed-in":
      return (
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone="warning">Not signed in yet</Badge> devices off until they sign in
        </span>
      );
  }
}
