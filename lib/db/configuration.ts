import type { Db, DbClient } from "./client";
import type { Prisma } from "../generated/prisma/client";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "../audit/retention-days";

export const CONFIGURATION_ID = 1;

export function getConfiguration(db: DbClient) {
  return db.configuration.findUnique({ where: { id: CONFIGURATION_ID } });
}

export function getServerPrivateKeyEncrypted(db: Db) {
  return db.configuration
    .findUnique({ where: { id: CONFIGURATION_ID }, select: { serverPrivateKeyEncrypted: true } })
    .then((row) => row?.serverPrivateKeyEncrypted ?? null);
}

export function createConfiguration(db: Db, data: Omit<Prisma.ConfigurationCreateInput, "id">) {
  return db.configuration.create({ data: { ...data, id: CONFIGURATION_ID } });
}

export function updateConfiguration(db: DbClient, data: Prisma.ConfigurationUpdateInput) {
  return db.configuration.update({ where: { id: CONFIGURATION_ID }, data });
}

export function isLocalAuthEnabled(db: DbClient): Promise<boolean> {
  return db.configuration
    .findUnique({ where: { id: CONFIGURATION_ID }, select: { isLocalAuthEnabled: true } })
    .then((row) => row?.isLocalAuthEnabled ?? true);
}

/** Settings → Authentication: whether IdP fetches may reach loopback, private and link-local addresses. */
export function arePrivateIdpAddressesAllowed(db: DbClient): Promise<boolean> {
  return db.configuration
    .findUnique({ where: { id: CONFIGURATION_ID }, select: { allowPrivateIdpAddresses: true } })
    .then((row) => row?.allowPrivateIdpAddresses ?? false);
}

/** Days audit events are kept; the schema's default until setup has made the row. */
export function getAuditRetentionDays(db: DbClient): Promise<number> {
  return db.configuration
    .findUnique({ where: { id: CONFIGURATION_ID }, select: { auditRetentionDays: true } })
    .then((row) => row?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS);
}
