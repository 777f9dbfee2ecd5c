// Device operations without any permission checks: callers (lib/server/devices.ts for the web
// app, the local stack's script) decide who may do what. Nothing here imports Next.js.
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { getConfiguration } from "../db/configuration";
import { uniqueViolationTarget } from "../db/errors";
import { findPresharedKeyEncrypted, insertDevice, isDeviceNameTaken, listTakenAddresses, type DeviceRow } from "../db/devices";
import { allocateAddress, NetworkFullError } from "../net/allocate";
import { generateKeyPair, generatePresharedKey } from "../wireguard/keys";
import { renderClientConfig } from "../wireguard/client-config";
import { effectiveSettings } from "./effective-settings";
import { hasOverrides, IPV6_MTU_MIN, type DeviceSettings } from "./schemas";

export class DeviceError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly kind: "invalid" | "conflict" | "unavailable" = "invalid",
  ) {
    super(message);
    this.name = "DeviceError";
  }
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
  params: { userId: string; settings: DeviceSettings; publicKey?: string },
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
      const device = await insertDevice(db, {
        userId: params.userId,
        ...params.settings,
        publicKey: keys.publicKey,
        presharedKeyEncrypted: secretBox.seal(presharedKey),
        ipv4: allocateAddress(configuration.ipv4Network, taken.flatMap((row) => (row.ipv4 ? [row.ipv4] : []))),
        ipv6: allocateAddress(configuration.ipv6Network, taken.flatMap((row) => (row.ipv6 ? [row.ipv6] : []))),
      });
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
