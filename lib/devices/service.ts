// Device operations without any permission checks: callers (lib/server/devices.ts for the web
// app, the local stack's script) decide who may do what. Nothing here imports Next.js.
import type { SecretBox } from "../crypto/secret-box";
import { isExemptFromDeviceLimit } from "../auth/permissions";
import type { Db, DbClient } from "../db/client";
import { getConfiguration } from "../db/configuration";
import { uniqueViolationTarget } from "../db/errors";
import { countDevicesOf, findPresharedKeyEncrypted, insertDevice, isDeviceNameTaken, listTakenAddresses, lockDeviceOwner, type DeviceRow } from "../db/devices";
import { allocateAddress, NetworkFullError } from "../net/allocate";
import { generateKeyPair, generatePresharedKey } from "../wireguard/keys";
import { renderClientConfig } from "../wireguard/client-config";
import { effectiveSettings } from "./effective-settings";
import { hasOverrides, IPV6_MTU_MIN, type DeviceSettings } from "./schemas";

export class DeviceError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly kind: "invalid" | "conflict" | "unavailable" | "limit" = "invalid",
  ) {
    super(message);
    this.name = "DeviceError";
  }
}

export function deviceLimitText(limit: number): string {
  return `the limit of ${limit} ${limit === 1 ? "device" : "devices"}`;
}

/** The owner already has as many devices as Settings → Security → Limits allows. */
export class DeviceLimitError extends DeviceError {
  constructor(readonly limit: number) {
    super(`You have reached ${deviceLimitText(limit)}.`, undefined, "limit");
    this.name = "DeviceLimitError";
  }
}

/**
 * Inside the insert's transaction: locks the owner's row, so parallel creations for one owner
 * count and insert one at a time and cannot both pass the limit. Admins own any number.
 */
async function assertUnderDeviceLimit(tx: DbClient, userId: string, limit: number) {
  const owner = await lockDeviceOwner(tx, userId);
  if (!owner) throw new DeviceError("no such user", "userId");
  if (isExemptFromDeviceLimit(owner)) return;
  if ((await countDevicesOf(tx, userId)) >= limit) throw new DeviceLimitError(limit);
}

export async function requireConfiguration(db: Db) {
  const configuration = await getConfiguration(db);
  if (!configuration?.serverPublicKey) throw new DeviceError("WireGUI is not set up yet: run `npm run setup` first.", undefined, "unavailable");
  return configuration as typeof configuration & { serverPublicKey: string };
}

/** Checks that need the database or the configuration: a unique name, an MTU IPv6 can use. */
export async function checkDeviceSettings(db: Db, userId: string, settings: DeviceSettings, exceptId?: string) {
  if (await isDeviceNameTaken(db, userId, settings.name, exceptId)) {
    throw new DeviceError("is already used by another device of this user", "name", "conflict");
  }
  if (settings.mtu !== null && settings.mtu < IPV6_MTU_MIN) {
    throw new DeviceError(`must be at least ${IPV6_MTU_MIN}: the device has an IPv6 address`, "mtu");
  }
}

/**
 * Inserts a device unless its owner is at `limit` (null: no limit), counting and inserting in one
 * transaction under the owner's lock. A refused insert (an address taken meanwhile) rolls back,
 * and the caller's next attempt locks and counts again.
 */
export function insertDeviceWithinLimit(db: Db, data: Parameters<typeof insertDevice>[1], limit: number | null): Promise<DeviceRow> {
  return db.$transaction(async (tx) => {
    if (limit !== null) await assertUnderDeviceLimit(tx, data.userId, limit);
    return insertDevice(tx, data);
  });
}

export interface CreatedDevice {
  device: DeviceRow;
  /** The full configuration, with the private key when the server generated it: shown once, never stored. */
  config: string;
  hasPrivateKey: boolean;
}

const MAX_ALLOCATION_ATTEMPTS = 5;

export async function createDevice(
  db: Db,
  secretBox: SecretBox,
  /** exceedLimit: an administrator adds a device beyond the owner's limit on purpose. */
  params: { userId: string; settings: DeviceSettings; publicKey?: string; exceedLimit?: boolean },
): Promise<CreatedDevice> {
  const configuration = await requireConfiguration(db);
  await checkDeviceSettings(db, params.userId, params.settings);
  const keys = params.publicKey ? { privateKey: null, publicKey: params.publicKey } : generateKeyPair();
  const presharedKey = generatePresharedKey();

  // Two devices created at once can pick the same free address; the unique index refuses the
  // second, which then picks again.
  for (let attempt = 1; ; attempt += 1) {
    const taken = await listTakenAddresses(db);
    try {
      const data = {
        userId: params.userId,
        ...params.settings,
        publicKey: keys.publicKey,
        presharedKeyEncrypted: secretBox.seal(presharedKey),
        ipv4: allocateAddress(configuration.ipv4Network, taken.flatMap((row) => (row.ipv4 ? [row.ipv4] : []))),
        ipv6: allocateAddress(configuration.ipv6Network, taken.flatMap((row) => (row.ipv6 ? [row.ipv6] : []))),
      };
      const device = await insertDeviceWithinLimit(db, data, params.exceedLimit ? null : configuration.maxDevicesPerUser);
      const config = renderClientConfig({
        privateKey: keys.privateKey,
        ipv4: device.ipv4,
        ipv6: device.ipv6,
        presharedKey,
        serverPublicKey: configuration.serverPublicKey,
        settings: effectiveSettings(device, configuration),
      });
      return { device, config, hasPrivateKey: keys.privateKey !== null };
    } catch (error) {
      if (error instanceof NetworkFullError) throw new DeviceError(error.message, undefined, "unavailable");
      const target = uniqueViolationTarget(error);
      if (target?.includes("public_key")) throw new DeviceError("is already used by another device", "publicKey", "conflict");
      if (target?.includes("name")) throw new DeviceError("is already used by another device of this user", "name", "conflict");
      if (target && /ipv[46]/.test(target) && attempt < MAX_ALLOCATION_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** The configuration of an existing device, without its private key (the server does not keep it). */
export async function renderStoredDeviceConfig(db: Db, secretBox: SecretBox, device: DeviceRow): Promise<string> {
  const configuration = await requireConfiguration(db);
  const sealed = await findPresharedKeyEncrypted(db, device.id);
  return renderClientConfig({
    privateKey: null,
    ipv4: device.ipv4,
    ipv6: device.ipv6,
    presharedKey: sealed ? secretBox.open(sealed) : null,
    serverPublicKey: configuration.serverPublicKey,
    settings: effectiveSettings(device, configuration),
  });
}

export { hasOverrides };
