import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { derivePublicKey, generateKeyPair } from "../wireguard/keys";
import { deviceSettingsSchema } from "./schemas";
import { createDevice, DeviceError, DeviceLimitError, insertDeviceWithinLimit, renderStoredDeviceConfig } from "./service";

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

describe("the device limit", () => {
  const wide = { ipv4Network: "10.3.0.0/16", ipv6Network: "fd00::3:0:0/112" };

  it("lets exactly the limit's worth of parallel creations through, however many race", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: { ...wide, maxDevicesPerUser: 4 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 16 }, (_, index) => createDevice(database.db, box, { userId, settings: settings(`race-${index}`) })));
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(4);
    expect(refused).toHaveLength(12);
    for (const reason of refused) expect(reason).toMatchObject({ name: "DeviceLimitError", kind: "limit", limit: 4, message: "You have reached the limit of 4 devices." });
    expect(await database.db.device.count({ where: { userId } })).toBe(4);
  });

  it("counts under the owner's lock: parallel inserts that do not collide on an address still cannot pass the limit", async () => {
    // createDevice's parallel attempts usually pick the same first free address, and its unique
    // index alone would make them take turns: here every insert has its own address.
    const inserts = Array.from({ length: 16 }, (_, index) =>
      insertDeviceWithinLimit(database.db, { userId, name: `apart-${index}`, publicKey: generateKeyPair().publicKey, ipv4: `10.3.2.${index + 2}`, ipv6: `fd00::3:2:${index + 2}` }, 3),
    );
    const outcomes = await Promise.allSettled(inserts);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    expect(await database.db.device.count({ where: { userId } })).toBe(3);
  });

  it("uses 10 by default, exempts administrators' devices, and lets a deliberate exception through", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: wide });
    for (let index = 0; index < 10; index += 1) await createDevice(database.db, box, { userId, settings: settings(`own-${index}`) });
    await expect(createDevice(database.db, box, { userId, settings: settings("eleventh") })).rejects.toBeInstanceOf(DeviceLimitError);
    await createDevice(database.db, box, { userId, settings: settings("eleventh"), exceedLimit: true });
    expect(await database.db.device.count({ where: { userId } })).toBe(11);
    const adminId = (await createUser(database.db, { email: "root@example.com", passwordHash: null, role: "admin" })).id;
    await database.db.configuration.update({ where: { id: 1 }, data: { maxDevicesPerUser: 1 } });
    for (const name of ["a", "b", "c"]) await createDevice(database.db, box, { userId: adminId, settings: settings(name) });
    expect(await database.db.device.count({ where: { userId: adminId } })).toBe(3);
  });
});
