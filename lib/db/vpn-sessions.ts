// VPN session queries: the configured duration, who has a live session, and when the next one ends
// (the collector's expiry timer). Times come from the caller's clock, so one pass uses one "now".
import type { DbClient } from "./client";
import { CONFIGURATION_ID } from "./configuration";
import { vpnSessionCutoff, vpnSessionEndsAt, vpnSessionStatus, type VpnSessionStatus } from "../users/vpn-session";

export function getVpnSessionDuration(db: DbClient): Promise<number | null> {
  return db.configuration
    .findUnique({ where: { id: CONFIGURATION_ID }, select: { vpnSessionDuration: true } })
    .then((row) => row?.vpnSessionDuration ?? null);
}

/** A Prisma `User` filter for users whose VPN session is live at `now` (everyone when sessions never expire). */
export function liveVpnSessionFilter(durationSeconds: number | null, now: Date) {
  const cutoff = vpnSessionCutoff(durationSeconds, now);
  return cutoff ? { lastSignInAt: { gte: cutoff } } : {};
}

/**
 * When the earliest live session of an enabled user with devices ends (their peers must go then),
 * or null when none will: sessions never expire, or nobody with devices has a live session.
 */
export async function findNextVpnSessionExpiry(db: DbClient, now: Date): Promise<Date | null> {
  const duration = await getVpnSessionDuration(db);
  if (duration === null) return null;
  const { _min } = await db.user.aggregate({
    where: { isDisabled: false, devices: { some: {} }, ...liveVpnSessionFilter(duration, now) },
    _min: { lastSignInAt: true },
  });
  return vpnSessionEndsAt(_min.lastSignInAt, duration);
}

/** A user's VPN session at `now`; null when the user does not exist. */
export async function findVpnSessionStatus(db: DbClient, userId: string, now: Date): Promise<VpnSessionStatus | null> {
  const [duration, user] = await Promise.all([getVpnSessionDuration(db), db.user.findUnique({ where: { id: userId }, select: { lastSignInAt: true } })]);
  return user ? vpnSessionStatus(user.lastSignInAt, duration, now) : null;
}

/** Enabled users with devices whose peers are off at `now` because they have no live session. */
export function countUsersWithoutVpnSession(db: DbClient, durationSeconds: number | null, now: Date): Promise<number> {
  const cutoff = vpnSessionCutoff(durationSeconds, now);
  if (!cutoff) return Promise.resolve(0);
  return db.user.count({ where: { isDisabled: false, devices: { some: {} }, OR: [{ lastSignInAt: null }, { lastSignInAt: { lt: cutoff } }] } });
}
