// VPN session expiry: a user's session starts at their last sign-in (password or SSO) and lasts the
// configured duration; afterwards their devices' peers leave WireGuard until they sign in again.
// Pure functions, shared by the collector (which peers to keep, when to look again) and the pages.
import { z } from "zod";

export const VPN_SESSION_DURATIONS = [
  { seconds: 3_600, label: "1 hour" },
  { seconds: 86_400, label: "1 day" },
  { seconds: 604_800, label: "1 week" },
  { seconds: 2_592_000, label: "30 days" },
  { seconds: 7_776_000, label: "90 days" },
] as const;

const allowedSeconds: readonly number[] = VPN_SESSION_DURATIONS.map((duration) => duration.seconds);

/** Seconds, or null for sessions that never expire. The migration's CHECK constraint allows the same values. */
export const vpnSessionDurationSchema = z
  .number({ error: "choose a duration from the list" })
  .int()
  .nullable()
  .refine((seconds) => seconds === null || allowedSeconds.includes(seconds), { message: "must be Never, 1 hour, 1 day, 1 week, 30 days or 90 days" });

export function vpnSessionDurationLabel(seconds: number | null): string {
  return VPN_SESSION_DURATIONS.find((duration) => duration.seconds === seconds)?.label ?? "Never";
}

/** When a session that started at lastSignInAt ends; null when sessions never expire or none started. */
export function vpnSessionEndsAt(lastSignInAt: Date | null, durationSeconds: number | null): Date | null {
  if (durationSeconds === null || lastSignInAt === null) return null;
  return new Date(lastSignInAt.getTime() + durationSeconds * 1000);
}

/**
 * Sign-ins before this instant have expired (a session is live while now <= start + duration), so
 * live users are those with last_sign_in_at >= the cutoff. Null: sessions never expire.
 */
export function vpnSessionCutoff(durationSeconds: number | null, now: Date): Date | null {
  return durationSeconds === null ? null : new Date(now.getTime() - durationSeconds * 1000);
}

export type VpnSessionStatus =
  | { kind: "unlimited" }
  | { kind: "active"; endsAt: Date }
  | { kind: "expired"; endedAt: Date }
  | { kind: "not-signed-in" };

export function vpnSessionStatus(lastSignInAt: Date | null, durationSeconds: number | null, now: Date): VpnSessionStatus {
  if (durationSeconds === null) return { kind: "unlimited" };
  const endsAt = vpnSessionEndsAt(lastSignInAt, durationSeconds);
  if (!endsAt) return { kind: "not-signed-in" };
  return now.getTime() > endsAt.getTime() ? { kind: "expired", endedAt: endsAt } : { kind: "active", endsAt };
}
