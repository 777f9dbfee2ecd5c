// Security settings (VPN session duration, the device switches, client isolation, the device
// limit, audit retention): saved one at a time under the configuration row's lock so the audit
// event's before/after is exactly what changed. A changed isolation switch wakes the collector (a
// trigger), which enforces it in nftables.
import type { Db } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { CONFIGURATION_ID } from "../db/configuration";
import { NotFoundError } from "../server/errors";
import type { SecuritySettingsInput } from "../validation/settings";

export const securitySettingsSelect = {
  vpnSessionDuration: true,
  allowUnprivilegedDeviceManagement: true,
  allowUnprivilegedDeviceConfiguration: true,
  // Client isolation card.
  allowPeerToPeer: true,
  allowServerNetworksToClients: true,
  auditRetentionDays: true,
  // Limits card.
  maxDevicesPerUser: true,
} as const;

export type SecuritySettings = {
  vpnSessionDuration: number | null;
  allowUnprivilegedDeviceManagement: boolean;
  allowUnprivilegedDeviceConfiguration: boolean;
  allowPeerToPeer: boolean;
  allowServerNetworksToClients: boolean;
  auditRetentionDays: number;
  maxDevicesPerUser: number;
};
type SecurityKey = keyof SecuritySettings;

export async function updateSecuritySettings(db: Db, actor: { id: string; email: string }, changes: SecuritySettingsInput) {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM configuration WHERE id = 1 FOR UPDATE`;
    const before = await tx.configuration.findUnique({ where: { id: CONFIGURATION_ID }, select: securitySettingsSelect });
    if (!before) throw new NotFoundError("The configuration (run the setup command first)");
    const changed = (Object.keys(securitySettingsSelect) as SecurityKey[]).filter((key) => changes[key] !== undefined && changes[key] !== before[key]);
    if (changed.length === 0) return { changed };
    const after = await tx.configuration.update({ where: { id: CONFIGURATION_ID }, data: changes, select: securitySettingsSelect });
    const pick = (settings: SecuritySettings) => Object.fromEntries(changed.map((key) => [key, settings[key]]));
    await recordAuditEvent(tx, { actor, action: "settings.security_changed", targetType: "configuration", details: { before: pick(before), after: pick(after) } });
    return { changed };
  });
}
