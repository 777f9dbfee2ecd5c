import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { verifyPassword } from "../auth/password";
import { SecretBox } from "../crypto/secret-box";
import { derivePublicKey } from "../wireguard/keys";
import { resetAdminPassword } from "./reset-admin-password";
import { applySetup, SetupError, type SetupInput, type SetupSettings } from "./setup";

let database: TestDatabase;
const secretBox = new SecretBox("a".repeat(40));
const settings: SetupSettings = { ipv4Network: "10.3.2.0/24", ipv6Network: "fd00::3:2:0/120", listenPort: 51820, endpoint: "vpn.example.com:51820" };

function input(overrides: Partial<SetupInput> = {}): SetupInput {
  return { admin: { email: "admin@example.com", password: "a good long password" }, settings, explicit: new Set(), ...overrides };
}

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterEach(() => database.drop());

function readSecrets() {
  return database.db.configuration.findUniqueOrThrow({ where: { id: 1 }, omit: { serverPrivateKeyEncrypted: false } });
}

describe("applySetup", () => {
  it("creates the configuration, an encrypted server keypair and the first admin", async () => {
    const report = await applySetup(database.db, secretBox, input());
    const configuration = await readSecrets();
    expect(configuration).toMatchObject({ ...{ ipv4Network: "10.3.2.0/24", ipv6Network: "fd00::3:2:0/120", listenPort: 51820 }, defaultClientEndpoint: "vpn.example.com:51820" });
    const privateKey = secretBox.open(configuration.serverPrivateKeyEncrypted!);
    expect(configuration.serverPrivateKeyEncrypted).not.toContain(privateKey);
    expect(derivePublicKey(privateKey)).toBe(configuration.serverPublicKey);
    const admin = await database.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, omit: { passwordHash: false } });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword("a good long password", admin.passwordHash!)).toBe(true);
    expect(report.generatedPassword).toBeNull();
    expect(report.lines.join("\n")).not.toContain(privateKey);
  });

  it("generates the admin password when none is given and returns it once", async () => {
    const report = await applySetup(database.db, secretBox, input({ admin: { email: "admin@example.com", password: null } }));
    const admin = await database.db.user.findUniqueOrThrow({ where: { email: "admin@example.com" }, omit: { passwordHash: false } });
    expect(report.generatedPassword).toHaveLength(20);
    expect(await verifyPassword(report.generatedPassword!, admin.passwordHash!)).toBe(true);
  });

  it("changes nothing on a second run without explicit settings", async () => {
    await applySetup(database.db, secretBox, input());
    const before = await readSecrets();
    const report = await applySetup(database.db, secretBox, input({ admin: { email: "other@example.com", password: "another long password" } }));
    const after = await readSecrets();
    expect(after).toEqual(before);
    expect(await database.db.user.count()).toBe(1);
    expect(report.lines.join("\n")).toMatch(/already exists/);
    expect(report.lines.join("\n")).toMatch(/other@example.com was not created/);
  });

  it("applies explicitly given settings on a re-run, but keeps networks that devices use", async () => {
    await applySetup(database.db, secretBox, input());
    const wanted = { ...settings, ipv4Network: "10.50.0.0/24", endpoint: "vpn2.example.com" };
    await applySetup(database.db, secretBox, input({ settings: wanted, explicit: new Set(["ipv4Network", "endpoint"]) }));
    expect(await readSecrets()).toMatchObject({ ipv4Network: "10.50.0.0/24", defaultClientEndpoint: "vpn2.example.com" });

    const admin = await database.db.user.findFirstOrThrow();
    await database.db.device.create({ data: { userId: admin.id, name: "laptop", publicKey: "A".repeat(43) + "=", ipv4: "10.50.0.2" } });
    const report = await applySetup(database.db, secretBox, input({ settings: { ...wanted, ipv4Network: "10.60.0.0/24" }, explicit: new Set(["ipv4Network"]) }));
    expect((await readSecrets()).ipv4Network).toBe("10.50.0.0/24");
    expect(report.lines.join("\n")).toMatch(/IPv4 tunnel network kept at 10.50.0.0\/24: 1 device/);
  });

  it("refuses to make an admin of an existing non-admin user", async () => {
    await database.db.user.create({ data: { email: "admin@example.com", role: "unprivileged" } });
    await expect(applySetup(database.db, secretBox, input())).rejects.toThrow(SetupError);
    expect((await database.db.user.findFirstOrThrow()).role).toBe("unprivileged");
  });

  it("requires an admin email when there is no admin, and then changes nothing", async () => {
    await expect(applySetup(database.db, secretBox, input({ admin: null }))).rejects.toThrow(/--admin-email/);
    expect(await database.db.configuration.count()).toBe(0);
  });
});

describe("resetAdminPassword", () => {
  it("sets a new password and ends the admin's sessions", async () => {
    await applySetup(database.db, secretBox, input());
    const before = await database.db.user.findFirstOrThrow();
    const result = await resetAdminPassword(database.db, { email: null, password: null });
    const after = await database.db.user.findFirstOrThrow({ omit: { passwordHash: false } });
    expect(result.email).toBe("admin@example.com");
    expect(await verifyPassword(result.generatedPassword!, after.passwordHash!)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("refuses a user who is not an admin", async () => {
    await database.db.user.create({ data: { email: "user@example.com", role: "unprivileged" } });
    await expect(resetAdminPassword(database.db, { email: "user@example.com", password: null })).rejects.toThrow(/not an admin/);
  });
});
