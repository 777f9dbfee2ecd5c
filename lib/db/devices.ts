// Device queries. The preshared key is a secret column: only peerSecrets() reads it.
import type { Db, DbClient } from "./client";
import type { Prisma, Role } from "../generated/prisma/client";
import { getVpnSessionDuration, liveVpnSessionFilter } from "./vpn-sessions";

export const deviceSelect = {
  id: true,
  userId: true,
  name: true,
  description: true,
  publicKey: true,
  ipv4: true,
  ipv6: true,
  useDefaultAllowedIps: true,
  allowedIps: true,
  useDefaultDns: true,
  dns: true,
  useDefaultEndpoint: true,
  endpoint: true,
  useDefaultMtu: true,
  mtu: true,
  useDefaultPersistentKeepalive: true,
  persistentKeepalive: true,
  rxBytes: true,
  txBytes: true,
  latestHandshakeAt: true,
  remoteEndpoint: true,
  rxBytesPerSecond: true,
  txBytesPerSecond: true,
  statsUpdatedAt: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { id: true, email: true } },
} as const satisfies Prisma.DeviceSelect;

export type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof deviceSelect }>;

export function listDevices(db: Db, filter: { userId?: string } = {}): Promise<DeviceRow[]> {
  return db.device.findMany({
    where: filter.userId ? { userId: filter.userId } : {},
    orderBy: [{ user: { email: "asc" } }, { name: "asc" }],
    select: deviceSelect,
  });
}

export async function listDevicesPage(db: Db, params: { userId?: string; skip: number; take: number }): Promise<{ rows: DeviceRow[]; total: number }> {
  const where = params.userId ? { userId: params.userId } : {};
  const [rows, total] = await Promise.all([
    db.device.findMany({ where, orderBy: [{ user: { email: "asc" } }, { name: "asc" }, { id: "asc" }], skip: params.skip, take: params.take, select: deviceSelect }),
    db.device.count({ where }),
  ]);
  return { rows, total };
}

export function findDevice(db: Db, id: string): Promise<DeviceRow | null> {
  return db.device.findUnique({ where: { id }, select: deviceSelect });
}

export function isDeviceNameTaken(db: Db, userId: string, name: string, exceptId?: string): Promise<boolean> {
  return db.device
    .count({ where: { userId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } })
    .then((count) => count > 0);
}

export function listTakenAddresses(db: Db): Promise<Array<{ ipv4: string | null; ipv6: string | null }>> {
  return db.device.findMany({ select: { ipv4: true, ipv6: true } });
}

/**
 * Locks a user's row until the transaction ends (FOR NO KEY UPDATE: it does not block the
 * foreign-key checks of inserts elsewhere), and reads the role the device limit depends on.
 */
export async function lockDeviceOwner(tx: DbClient, userId: string): Promise<{ role: Role } | null> {
  const [row] = await tx.$queryRaw<Array<{ role: Role }>>`SELECT role::text AS "role" FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`;
  return row ?? null;
}

export function countDevicesOf(db: DbClient, userId: string): Promise<number> {
  return db.device.count({ where: { userId } });
}

export function insertDevice(db: DbClient, data: Prisma.DeviceUncheckedCreateInput): Promise<DeviceRow> {
  return db.device.create({ data, select: deviceSelect });
}

export function updateDeviceRow(db: Db, id: string, data: Prisma.DeviceUncheckedUpdateInput): Promise<DeviceRow> {
  return db.device.update({ where: { id }, data, select: deviceSelect });
}

export function deleteDeviceRow(db: Db, id: string) {
  return db.device.delete({ where: { id }, select: { id: true, name: true, publicKey: true, userId: true } });
}

export function findPresharedKeyEncrypted(db: Db, id: string): Promise<string | null> {
  return db.device
    .findUnique({ where: { id }, select: { presharedKeyEncrypted: true } })
    .then((row) => row?.presharedKeyEncrypted ?? null);
}

/**
 * Every peer the WireGuard interface should have, for the collector (one query, whatever the
 * count). Devices of disabled users and of users whose VPN session has expired at `now` are left
 * out; triggers wake the collector when either changes (and its expiry timer when a session ends).
 */
export async function listDesiredPeers(db: Db, now = new Date()) {
  const sessionDuration = await getVpnSessionDuration(db);
  return db.device.findMany({
    where: { user: { isDisabled: false, ...liveVpnSessionFilter(sessionDuration, now) } },
    select: { id: true, publicKey: true, presharedKeyEncrypted: true, ipv4: true, ipv6: true },
    orderBy: { createdAt: "asc" },
  });
}
