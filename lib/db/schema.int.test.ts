import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "./configuration";
import { createUser } from "./users";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterAll(() => database.drop());

const U64_MAX = 18446744073709551615n;

describe("database schema", () => {
  it("allows only one configuration row", async () => {
    await createConfiguration(database.db, {});
    await expect(database.db.configuration.create({ data: { id: 2 } })).rejects.toThrow(/configuration_single_row/);
  });

  it("stores emails lower-cased and unique", async () => {
    await createUser(database.db, { email: "Mixed@Example.com", passwordHash: null, role: "unprivileged" });
    await expect(database.db.user.create({ data: { email: "Upper@Example.com" } })).rejects.toThrow(/users_email_lowercase/);
    await expect(createUser(database.db, { email: "mixed@example.com", passwordHash: null, role: "admin" })).rejects.toThrow(/Unique constraint/);
  });

  it("keeps device counters as 64-bit integers and addresses unique", async () => {
    const user = await createUser(database.db, { email: "devices@example.com", passwordHash: null, role: "unprivileged" });
    const device = await database.db.device.create({
      data: { userId: user.id, name: "laptop", publicKey: "A".repeat(43) + "=", ipv4: "10.3.2.2", ipv6: "fd00::3:2:2", rxBytes: U64_MAX / 2n, txBytes: 9007199254740993n },
    });
    const row = await database.db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(row.rxBytes).toBe(U64_MAX / 2n);
    expect(row.txBytes).toBe(9007199254740993n);
    await expect(
      database.db.device.create({ data: { userId: user.id, name: "phone", publicKey: "B".repeat(43) + "=", ipv4: "10.3.2.2" } }),
    ).rejects.toThrow(/Unique constraint/);
    await expect(
      database.db.device.create({ data: { userId: user.id, name: "laptop", publicKey: "C".repeat(43) + "=" } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it("ties an SSO connection to at most one provider and keeps it when the provider is removed", async () => {
    const user = await createUser(database.db, { email: "sso@example.com", passwordHash: null, role: "unprivileged" });
    const provider = await database.db.oidcProvider.create({
      data: { slug: "corp", label: "Corp", clientId: "id", clientSecretEncrypted: "v1:x", discoveryUrl: "http://127.0.0.1/.well-known/openid-configuration" },
    });
    const saml = await database.db.samlProvider.create({ data: { slug: "corp", label: "Corp", spEntityId: "sp" } });
    const names = { providerKind: "oidc", providerSlug: "corp", providerLabel: "Corp" };
    await expect(
      database.db.ssoConnection.create({ data: { userId: user.id, subject: "abc", oidcProviderId: provider.id, samlProviderId: saml.id, ...names } }),
    ).rejects.toThrow(/sso_connections_at_most_one_provider/);
    await expect(database.db.ssoConnection.create({ data: { userId: user.id, subject: "abc", ...names, providerKind: "ldap" } })).rejects.toThrow(
      /sso_connections_provider_kind/,
    );
    const connection = await database.db.ssoConnection.create({ data: { userId: user.id, subject: "abc", oidcProviderId: provider.id, ...names } });
    expect(connection.status).toBe("active");
    await database.db.oidcProvider.delete({ where: { id: provider.id } });
    await expect(database.db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).resolves.toMatchObject({ oidcProviderId: null, providerLabel: "Corp" });
  });

  it("omits secret columns unless a query asks for them", async () => {
    const user = await createUser(database.db, { email: "secret@example.com", passwordHash: "hash", role: "unprivileged" });
    const plain = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(plain).not.toHaveProperty("passwordHash");
    const withSecret = await database.db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(withSecret.passwordHash).toBe("hash");
  });
});

describe("peer change notifications", () => {
  it("notify wiregui_peers on device insert, address change and delete, but not on stats", async () => {
    const { default: pg } = await import("pg");
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", (message) => payloads.push(message.payload ?? ""));
    await listener.query("LISTEN wiregui_peers");
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    try {
      const user = await createUser(database.db, { email: "notify@example.com", passwordHash: null, role: "unprivileged" });
      const device = await database.db.device.create({ data: { userId: user.id, name: "n", publicKey: "N".repeat(43) + "=", ipv4: "10.3.2.9" } });
      await settle();
      expect(payloads).toEqual([device.id]);
      await database.db.device.update({ where: { id: device.id }, data: { rxBytes: 5n, latestHandshakeAt: new Date(), description: "stats" } });
      await settle();
      expect(payloads).toHaveLength(1);
      await database.db.device.update({ where: { id: device.id }, data: { ipv4: "10.3.2.10" } });
      await database.db.device.delete({ where: { id: device.id } });
      await settle();
      expect(payloads).toEqual([device.id, device.id, device.id]);
    } finally {
      await listener.end();
    }
  });
});

describe("range constraints", () => {
  it("refuse values WireGuard would refuse", async () => {
    const user = await createUser(database.db, { email: "ranges@example.com", passwordHash: null, role: "unprivileged" });
    await expect(database.db.device.create({ data: { userId: user.id, name: "m", publicKey: "M".repeat(43) + "=", mtu: 9000 } })).rejects.toThrow(/devices_mtu_range/);
    await expect(database.db.egressRule.create({ data: { action: "drop", destination: "10.0.0.0/8", protocol: "tcp", portStart: 443, portEnd: 80 } })).rejects.toThrow(/egress_rules_port_range/);
    await expect(database.db.egressRule.create({ data: { action: "drop", destination: "10.0.0.0/8", protocol: "tcp", portStart: 80, portEnd: 443 } })).resolves.toMatchObject({ portEnd: 443 });
  });
});
