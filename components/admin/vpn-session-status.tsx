import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format";
import type { VpnSessionStatus } from "@/lib/users/vpn-session";
import { Badge } from "../ui/badge";

function WithBadge({ badge, children }: { badge: ReactNode; children: ReactNode }) {
  // break-normal: definition rows break anywhere (keys, addresses); sentences should not.
  return (
    <span className="flex flex-col items-start gap-1 break-normal">
      {badge}
      <span>{children}</span>
    </span>
  );
}

/** A user's VPN session on their admin page: never expires, active until, expired, not signed in yet. */
export function VpnSessionStatusText({ status }: { status: VpnSessionStatus }) {
  switch (status.kind) {
    case "unlimited":
      return <span>Never expires</span>;
    case "active":
      return <WithBadge badge={<Badge tone="success">Active</Badge>}>Expires at {formatDateTime(status.endsAt)}</WithBadge>;
    case "expired":
      return <WithBadge badge={<Badge tone="danger">Expired</Badge>}>Ended at {formatDateTime(status.endedAt)}; devices are off WireGuard until the user signs in.</WithBadge>;
    case "not-signed-in":
      return <WithBadge badge={<Badge tone="warning">Not signed in yet</Badge>}>Devices are off WireGuard until the user signs in.</WithBadge>;
  }
}
