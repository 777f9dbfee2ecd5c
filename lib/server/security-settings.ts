import "server-only";
import { canEditSettings, canViewVpnSessionOf } from "../auth/permissions";
import { CONFIGURATION_ID } from "../db/configuration";
import { hasWorkingAdminSso } from "../db/sso";
import { countUsersWithoutVpnSession, findVpnSessionStatus } from "../db/vpn-sessions";
import { securitySettingsSelect } from "../settings/security-settings";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

/** The Security tab: the settings, whether password sign-in may be turned off, and who is off the VPN now. */
export async function getSecuritySettings(actor: Principal) {
  if (!canEditSettings(actor)) throw new ForbiddenError();
  const db = getDb();
  const [settings, canDisableLocalAuth] = await Promise.all([
    db.configuration.findUnique({ where: { id: CONFIGURATION_ID }, select: { ...securitySettingsSelect, isLocalAuthEnabled: true } }),
    hasWorkingAdminSso(db),
  ]);
  if (!settings) return null;
  const usersWithoutSession = await countUsersWithoutVpnSession(db, settings.vpnSessionDuration, new Date());
  return { ...settings, canDisableLocalAuth, usersWithoutSession };
}

/** A user's VPN session (never expires, active until, expired, not signed in yet), for their pages. */
export async function getVpnSessionStatusOf(actor: Principal, userId: string) {
  if (!canViewVpnSessionOf(actor, userId)) throw new ForbiddenError();
  return findVpnSessionStatus(getDb(), userId, new Date());
}
