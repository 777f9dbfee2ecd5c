import { formatDateTime } from "@/lib/format";
import type { VpnSessionStatus } from "@/lib/users/vpn-session";
import { Alert } from "../ui/alert";
import { SignInAgainButton } from "./sign-in-again-button";

export const EXPIRED_MESSAGE = "VPN session expired — sign in again to reconnect";

/**
 * Above a user's devices: when their VPN session ends, or that it has (their peers are off
 * WireGuard). Nothing when sessions never expire. `isOwn`: the viewer is the devices' owner.
 */
export function VpnSessionNotice({ status, isOwn, returnTo }: { status: VpnSessionStatus | null; isOwn: boolean; returnTo: string }) {
  if (!status || status.kind === "unlimited") return null;
  if (status.kind === "active") {
    return (
      <Alert tone="info">
        {isOwn ? "Your VPN session ends" : "The owner's VPN session ends"} at <strong>{formatDateTime(status.endsAt)}</strong>.{" "}
        {isOwn ? "Signing in again before then starts a new one." : "Their devices disconnect then until they sign in again."}
      </Alert>
    );
  }
  const when = status.kind === "expired" ? ` at ${formatDateTime(status.endedAt)}` : "";
  return (
    <Alert tone="warning">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>
          <strong>{isOwn ? EXPIRED_MESSAGE : "The owner's VPN session has expired"}.</strong>{" "}
          {status.kind === "expired"
            ? `${isOwn ? "Your devices were" : "Their devices were"} disconnected from WireGuard${when}.`
            : `${isOwn ? "You have" : "They have"} not signed in since sessions started to expire, so ${isOwn ? "your" : "their"} devices are disconnected.`}
          {!isOwn && " They reconnect when the owner signs in again."}
        </p>
        {isOwn && <SignInAgainButton returnTo={returnTo} />}
      </div>
    </Alert>
  );
}
