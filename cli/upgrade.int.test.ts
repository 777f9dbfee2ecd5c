// Upgrades: new images over a database the previous release wrote. The previous release's migrations
// (from git history, see test/upgrade/previous-release.ts) are applied with `prisma migrate deploy`,
// every table gets rows (test/upgrade/old-release-data.sql), then today's `wiregui setup` runs, as
// compose's setup service does on every start: it must apply each new migration once, keep every
// row and value, and leave the app able to sign in, decrypt and read all of it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticateApiToken, listApiTokens } from "../lib/api-tokens/service";
import { LoginThrottle } from "../lib/auth/login-throttle";
import { signInWithPassword } from "../lib/auth/password-sign-in";
import { resolveSession } from "../lib/auth/sessions";
import { deriveEncryptionKey } from "../lib/crypto/keys";
import { SecretBox } from "../lib/crypto/secret-box";
import { listAuditEvents } from "../lib/db/audit";
import { getConfiguration, getServerPrivateKeyEncrypted } from "../lib/db/configuration";
import { findPresharedKeyEncrypted, listDesiredPeers, listDevices } from "../lib/db/devices";
import { listRules, getRulesStatus } from "../lib/db/rules";
import { findEnabledOidcProvidersWithSecrets, findSamlProviderBySlug } from "../lib/db/sso";
import { getCollectorStatus, loadPeerStats } from "../lib/db/stats";
import { searchUsers } from "../lib/db/users";
import { totpAt } from "../lib/mfa/totp";
import { listConnections } from "../lib/sso/connections";
import { derivePublicKey } from "../lib/wireguard/keys";
import { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from "../test/database";
import { countRows, describeSchema, listTables, readMigrationRecords, readRows, type MigrationRecord } from "../test/upgrade/database-state";
import { loadDataSections, OLD_RELEASE, readDataSections } from "../test/upgrade/old-release";
import { checkOutPreviousRelease, migrationNames, projectRoot, type PreviousRelease } from "../test/upgrade/previous-release";
import { runWiregui, type CliResult } from "../test/wiregui-cli";
import { applyMigrations } from "./database";

let previous: PreviousRelease | undefined;
let database: TestDatabase | undefined;
let client: pg.Client | undefined;

const sections = readDataSections();
const todaysMigrations = migrationNames(projectRoot);
let oldMigrations: string[];
// The previous release's state, read just before the upgrade.
let oldTables: Map<string, string[]>;
let oldCounts: Record<string, number>;
const oldRows = new Map<string, string[]>();
let oldRecords: MigrationRecord[];
let upgradeStartedAt: string;
// What `wiregui setup` printed and left in _prisma_migrations, on the upgrade and on the next start.
let upgrade: CliResult;
let upgradedRecords: MigrationRecord[];
let restart: CliResult;
let restartedRecords: MigrationRecord[];

const secretBox = new SecretBox(OLD_RELEASE.authSecret);

/** compose's setup service: the same command and the settings an operator keeps in .env. */
function startSetup(url: string): Promise<CliResult> {
  return runWiregui(["setup", "--no-interactive", "--generate-password"], {
    DATABASE_URL: url,
    AUTH_SECRET: OLD_RELEASE.authSecret,
    EXTERNAL_URL: "https://vpn.example.com",
    WIREGUI_ADMIN_EMAIL: OLD_RELEASE.admin.email,
  });
}

beforeAll(async () => {
  previous = checkOutPreviousRelease();
  oldMigrations = migrationNames(previous.projectDir);
  database = await createEmptyTestDatabase(inject("templateDatabaseUrl"));
  applyMigrations(database.url, previous.projectDir);

  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // The app writes UTC into its timestamp columns; the fixture's now() must mean the same.
  await client.query("SET TIME ZONE 'UTC'");
  oldTables = await listTables(client);
  await loadDataSections(client, sections.filter((section) => oldTables.has(section.table)));
  oldCounts = await countRows(client, oldTables.keys());
  // Before upgrading: a table of the previous release without rows would prove nothing about it.
  const emptyTables = Object.keys(oldCounts).filter((table) => oldCounts[table] === 0);
  expect(emptyTables, "tables of the previous release without rows in test/upgrade/old-release-data.sql").toEqual([]);
  for (const [table, columns] of oldTables) oldRows.set(table, await readRows(client, table, columns));
  oldRecords = await readMigrationRecords(client);
  upgradeStartedAt = (await client.query<{ now: string }>("SELECT now()::text AS now")).rows[0]!.now;

  upgrade = await startSetup(database.url);
  upgradedRecords = await readMigrationRecords(client);
  restart = await startSetup(database.url);
  restartedRecords = await readMigrationRecords(client);
}, 240_000);

afterAll(async () => {
  await client?.end();
  await database?.drop();
  previous?.remove();
});

describe(`upgrading over the previous release's database`, () => {
  it("starts from an older set of migrations that today's set continues", () => {
    expect(oldRecords.map((record) => record.name)).toEqual(oldMigrations);
    const missing = oldMigrations.filter((name) => !todaysMigrations.includes(name));
    expect(missing, `migrations of the previous release (${previous!.commit}) renamed or deleted since: old installs have applied them`).toEqual([]);
    expect(todaysMigrations.length, `today's migrations beyond the previous release's (${previous!.commit})`).toBeGreaterThan(oldMigrations.length);
  });

  it("applies each new migration once, on setup, and nothing on the next start", () => {
    expect(upgrade.stderr).toBe("");
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toMatch(/Applied pending database migrations/);
    expect(upgrade.stdout).toMatch(/Admin user admin@example.com already exists: not changed/);
    expect(upgrade.stdout).toContain(`Server keypair already exists (public key ${OLD_RELEASE.serverPublicKey}): kept`);
    expect(upgrade.stdout).not.toMatch(/Generated password|Re-encrypted/);

    expect(upgradedRecords.map((record) => record.name)).toEqual(todaysMigrations);
    for (const record of upgradedRecords) {
      expect(record, record.name).toMatchObject({ finishedAt: expect.any(String), rolledBackAt: null });
      expect(record.appliedSteps, record.name).toBeGreaterThan(0);
    }
    const newRecords = upgradedRecords.filter((record) => !oldMigrations.includes(record.name));
    expect(newRecords.map((record) => record.name)).toEqual(todaysMigrations.filter((name) => !oldMigrations.includes(name)));
    for (const record of newRecords) expect(record.startedAt >= upgradeStartedAt, `${record.name} started during the upgrade`).toBe(true);
    // The old releases' records untouched: nothing applied again.
    expect(upgradedRecords.filter((record) => oldMigrations.includes(record.name))).toEqual(oldRecords);

    expect(restart.code).toBe(0);
    expect(restart.stdout).toMatch(/Database schema is up to date/);
    expect(restartedRecords).toEqual(upgradedRecords);
  });

  it("finds every applied migration unchanged in today's files", () => {
    // An edited migration never reaches a database that has applied it: installs would drift apart.
    for (const record of upgradedRecords) {
      const sql = readFileSync(join(projectRoot, "prisma", "migrations", record.name, "migration.sql"));
      expect(record.checksum, `prisma/migrations/${record.name} was edited after it was applied: add a new migration instead`).toBe(createHash("sha256").update(sql).digest("hex"));
    }
  });

  it("keeps every table, column, row and value of the previous release", async () => {
    const tables = await listTables(client!);
    for (const [table, columns] of oldTables) {
      expect(tables.get(table), `table ${table}`).toBeDefined();
      const gone = columns.filter((column) => !tables.get(table)!.includes(column));
      expect.soft(gone, `columns of ${table} that the upgrade removed`).toEqual([]);
      expect.soft(await readRows(client!, table, columns), `rows of ${table}`).toEqual(oldRows.get(table));
    }
    expect(await countRows(client!, oldTables.keys())).toEqual(oldCounts);
  });

  it("ends with the schema of a fresh install", async () => {
    const fresh = await createTestDatabase(inject("templateDatabaseUrl"));
    const freshClient = new pg.Client({ connectionString: fresh.url });
    try {
      await freshClient.connect();
      expect(await describeSchema(client!)).toEqual(await describeSchema(freshClient));
    } finally {
      await freshClient.end();
      await fresh.drop();
    }
  });

  it("reads the upgraded data through the app's data layer", async () => {
    const db = database!.db;
    const now = new Date();
    expect(await getConfiguration(db)).toMatchObject({
      defaultClientAllowedIps: ["10.8.0.0/24", "192.168.50.0/24"],
      defaultClientDns: ["10.8.0.1", "fd00:8::1"],
      defaultClientEndpoint: "vpn.example.com:51821",
      defaultClientMtu: 1380,
      defaultClientPersistentKeepalive: 15,
      allowUnprivilegedDeviceConfiguration: false,
      allowPrivateIdpAddresses: true,
      listenPort: 51821,
      ipv4Network: "10.8.0.0/24",
      ipv6Network: "fd00:8::/112",
      serverPublicKey: OLD_RELEASE.serverPublicKey,
      vpnSessionDuration: 604800,
      auditRetentionDays: 90,
      maxDevicesPerUser: 5,
    });
    const users = await searchUsers(db, { query: "", page: 1 });
    expect(users.rows.map((user) => [user.email, user.role, user.isDisabled, user.deviceCount])).toEqual([
      ["admin@example.com", "admin", false, 1],
      ["alice@example.com", "unprivileged", false, 2],
      ["bob@example.com", "unprivileged", false, 1],
      ["carol@example.com", "unprivileged", false, 1],
      ["eve@example.com", "unprivileged", true, 0],
    ]);

    // The chart's PostgreSQL side: the last counters and rates the collector wrote.
    const devices = await listDevices(db);
    expect(devices.find((device) => device.name === "alice-laptop")).toMatchObject({ rxBytes: 987654321012n, txBytes: 12345678901n, rxBytesPerSecond: 1.5e6, remoteEndpoint: "[2001:db8::44]:51000" });
    expect((await loadPeerStats(db)).find((peer) => peer.name === "admin-phone")).toMatchObject({ rx: "5368709120", tx: "734003200", rxRate: 18250.5 });
    expect(await getCollectorStatus(db, "wg0")).toMatchObject({ source: "collector", peersOnInterface: 4, peersConnected: 2 });

    // The collector's view: carol's VPN session ran out, eve has no devices; every key opens, also
    // with the collector's key alone (it is never given AUTH_SECRET).
    const collectorBox = new SecretBox({ key: deriveEncryptionKey(OLD_RELEASE.authSecret) });
    const peers = await listDesiredPeers(db, now);
    expect(peers.map((peer) => peer.id).sort()).toEqual(Object.keys(OLD_RELEASE.presharedKeys).sort());
    for (const peer of peers) expect(collectorBox.open(peer.presharedKeyEncrypted!), peer.id).toBe(OLD_RELEASE.presharedKeys[peer.id]);
    const [deviceId, presharedKey] = Object.entries(OLD_RELEASE.presharedKeys)[0]!;
    expect(secretBox.open((await findPresharedKeyEncrypted(db, deviceId))!)).toBe(presharedKey);
    expect(derivePublicKey(collectorBox.open((await getServerPrivateKeyEncrypted(db))!))).toBe(OLD_RELEASE.serverPublicKey);

    expect((await listRules(db)).map((rule) => [rule.priority, rule.action, rule.destination])).toEqual([
      [10, "drop", "192.168.50.10/32"],
      [20, "accept", "192.168.50.0/24"],
      [100, "drop", "2001:db8:dead::/48"],
    ]);
    expect(await getRulesStatus(db, "wg0")).toMatchObject({ ruleCount: 3, lastError: expect.stringMatching(/^nft:/) });

    const [oidc] = await findEnabledOidcProvidersWithSecrets(db);
    expect(oidc).toMatchObject({ slug: "corp", requireMfa: true, mfaAmrValues: ["mfa", "otp"] });
    expect(secretBox.open(oidc!.clientSecretEncrypted)).toBe(OLD_RELEASE.oidcClientSecret);
    const saml = await findSamlProviderBySlug(db, "okta");
    expect(secretBox.open(saml!.spPrivateKeyEncrypted!)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await listConnections(db, OLD_RELEASE.bob.id)).toMatchObject([{ providerKind: "oidc", providerLabel: "Corp login", subject: "248289761001" }]);

    const audit = await listAuditEvents(db, { filter: {}, page: 1 });
    expect(audit.total).toBe(oldCounts.audit_events);
    expect(audit.rows.find((event) => event.action === "auth.sign_in_failed")).toMatchObject({ count: 7, ip: "203.0.113.50" });
    expect((await listApiTokens(db, OLD_RELEASE.alice.id)).map((token) => [token.name, token.status])).toEqual([["old script", "revoked"]]);
  });

  it("signs people in as before: password, TOTP code, browser session and API token", async () => {
    const db = database!.db;
    const throttle = new LoginThrottle(db);
    const { admin, alice } = OLD_RELEASE;
    await expect(signInWithPassword(db, throttle, { email: admin.email, password: admin.password, ip: "192.0.2.10", secretBox })).resolves.toMatchObject({ id: admin.id, role: "admin" });
    const code = totpAt(alice.totpSecret, Date.now());
    await expect(signInWithPassword(db, throttle, { email: alice.email, password: alice.password, code, ip: "192.0.2.20", secretBox })).resolves.toMatchObject({ id: alice.id });
    await expect(signInWithPassword(db, throttle, { email: admin.email, password: "not the password", ip: "192.0.2.10", secretBox })).rejects.toThrow(/Incorrect email or password/);

    const session = await resolveSession(db, { userId: admin.id, sessionId: OLD_RELEASE.adminSessionId, sessionVersion: admin.sessionVersion });
    expect(session?.user).toMatchObject({ id: admin.id });
    await expect(authenticateApiToken(db, OLD_RELEASE.adminApiToken, { ip: "192.0.2.10" })).resolves.toMatchObject({ user: { id: admin.id } });
  });

  it("has rows for every table of today's schema in the data file", async () => {
    // Tables added since the previous release get theirs now; at the next upgrade they are old.
    const tables = await listTables(client!);
    const unknown = sections.filter((section) => !tables.has(section.table)).map((section) => section.table);
    expect(unknown, "sections of test/upgrade/old-release-data.sql for tables that do not exist").toEqual([]);
    await loadDataSections(client!, sections.filter((section) => !oldTables.has(section.table)));
    const counts = await countRows(client!, tables.keys());
    const empty = Object.keys(counts).filter((table) => counts[table] === 0);
    expect(empty, "tables without rows in test/upgrade/old-release-data.sql").toEqual([]);
  });
});
