import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { derivePublicKey, generateKeyPair } from "../wireguard/keys";
import { deviceSettingsSchema } from "./schemas";
import { createDevice, DeviceError, renderStoredDeviceConfig } from "./service";

let database: TestDatabase;
let userId: string;
const box = new SecretBox("d".repeat(40));
const settings = (name: string) => deviceSettingsSchema.parse({ name });

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, { serverPublicKey: generateKeyPair().publicKey, ipv4Network: "10.3.2.0/29", ipv6Network: "fd00::3:2:0/120", defaultClientEndpoint: "vpn.example.com" });
  userId = (await createUser(database.db, { email: "owner@example.com", passwordHash: null, role: "unprivileged" })).id;
});
afterEach(() => database.drop());

describe("createDevice", () => {
  it("returns the private key once and stores only the public key and an encrypted preshared key", async () => {
    const { device, config, hasPrivateKey } = await createDevice(database.db, box, { userId, settings: settings("laptop") });
    const privateKey = /^PrivateKey = (\S+)$/m.exec(config)?.[1];
    const presharedKey = /^PresharedKey = (\S+)$/m.exec(config)?.[1];
    expect(hasPrivateKey).toBe(true);
    expect(derivePublicKey(privateKey!)).toBe(device.publicKey);
    const row = await database.db.device.findUniqueOrThrow({ where: { id: device.id }, omit: { presharedKeyEncrypted: false } });
    expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toContain(privateKey);
    expect(box.open(row.presharedKeyEncrypted!)).toBe(presharedKey);
    const stored = await renderStoredDeviceConfig(database.db, box, device);
    expect(stored).toContain(`PresharedKey = ${presharedKey}`);
    expect(stored).not.toContain(privateKey);
  });

  it("gives parallel creations distinct addresses, then says the network is full", async () => {
    const created = await Promise.all(["a", "b", "c", "d", "e"].map((name) => createDevice(database.db, box, { userId, settings: settings(name) })));
    expect(new Set(created.map(({ device }) => device.ipv4)).size).toBe(5);
    expect(created.map(({ device }) => device.ipv4).sort()).toEqual(["10.3.2.2", "10.3.2.3", "10.3.2.4", "10.3.2.5", "10.3.2.6"]);
    const full = await createDevice(database.db, box, { userId, settings: settings("f") }).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(DeviceError);
    expect((full as DeviceError).message).toBe("The tunnel network 10.3.2.0/29 is full: no free address is left for a new device.");
  });

  it("refuses a name the user already has, whatever its case, and a public key in use", async () => {
    const first = await createDevice(database.db, box, { userId, settings: settings("Phone") });
    await expect(createDevice(database.db, box, { userId, settings: settings("phone") })).rejects.toMatchObject({ field: "name", kind: "conflict" });
    await expect(createDevice(database.db, box, { userId, settings: settings("other"), publicKey: first.device.publicKey })).rejects.toMatchObject({ field: "publicKey" });
  });

  it("with the user's own key, never has a private key to show", async () => {
    const { publicKey } = generateKeyPair();
    const { config, hasPrivateKey, device } = await createDevice(database.db, box, { userId, settings: settings("own"), publicKey });
    expect(hasPrivateKey).toBe(false);
    expect(device.publicKey).toBe(publicKey);
    expect(config).toContain("PrivateKey = <paste this device's private key>");
  });
});
