// Runs the real command line as a subprocess against a fresh database, as an operator would.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authenticateApiToken, createApiToken, listApiTokens } from "../lib/api-tokens/service";
import { deriveEncryptionKey } from "../lib/crypto/keys";
import { findUserByEmail } from "../lib/db/users";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { runWiregui, type CliResult } from "../test/wiregui-cli";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterAll(() => database.drop());

function wiregui(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runWiregui(args, { DATABASE_URL: database.url, AUTH_SECRET: "s".repeat(40), EXTERNAL_URL: "https://vpn.example.com", ...env });
}

describe("wiregui print-encryption-key", () => {
  it("prints the collector's key derived from AUTH_SECRET, needing nothing else", async () => {
    const result = await wiregui(["print-encryption-key"], { DATABASE_URL: "" });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(`${deriveEncryptionKey("s".repeat(40)).toString("hex")}\n`);
  });

  it("says what is missing without AUTH_SECRET", async () => {
    const result = await wiregui(["print-encryption-key"], { AUTH_SECRET: "" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("wiregui print-encryption-key: error: Invalid configuration: AUTH_SECRET is required (or NEXTAUTH_SECRET)");
  });
});

describe("wiregui setup", () => {
  it.concurrent.each([
    [["--admin-email", "a@example.com", "--admin-password", "a".repeat(73)], /--admin-password must be at most 72 bytes/],
    [["--admin-email", "not-an-email"], /--admin-email must be a valid email address/],
    [["--admin-email", "a@example.com", "--admin-password", "short"], /--admin-password must be at least 12 characters/],
    [["--ipv4-network", "10.0.0.0/33"], /--ipv4-network must be an IPv4 CIDR/],
    [["--ipv6-network", "fd00::/127"], /--ipv6-network must be \/126 or larger/],
    [["--endpoint", "bad host"], /--endpoint must be a host name or IP/],
    [["--listen-port", "70000"], /--listen-port must be 1-65535/],
  ])("rejects %j with one line naming the problem", async (args, message) => {
    const result = await wiregui(["setup", ...args]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("reports an unreachable database", async () => {
    const result = await wiregui(["setup", "--admin-email", "a@example.com"], { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot connect to the database at 127.0.0.1:1\/nowhere/);
  });

  it("reports a bad setting by its variable name", async () => {
    const result = await wiregui(["setup"], { AUTH_SECRET: "too-short" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AUTH_SECRET must be at least 32 characters/);
  });

  it("needs an admin email when not on a terminal", async () => {
    const result = await wiregui(["setup"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--admin-email/);
  });

  it("sets up once, prints a generated password once, and is safe to re-run", async () => {
    const first = await wiregui(["setup", "--generate-password"], { WIREGUI_ADMIN_EMAIL: "Root@Example.com" });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Created admin user root@example.com/);
    expect(first.stdout).toMatch(/Client endpoint: vpn.example.com:51820/);
    const password = /root@example.com {2}(\S+)/.exec(first.stdout)?.[1];
    expect(password).toHaveLength(20);

    const second = await wiregui(["setup", "--admin-email", "root@example.com", "--generate-password"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Admin user root@example.com already exists: not changed/);
    expect(second.stdout).toMatch(/Server keypair already exists/);
    expect(second.stdout).not.toMatch(/Generated password/);
    expect(await database.db.user.count()).toBe(1);
  });

  it("resets an admin password and prints the new one once", async () => {
    const result = await wiregui(["reset-admin-password", "--email", "root@example.com"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Password of root@example.com changed/);
    expect(result.stdout).toMatch(/Generated password/);
    const unknown = await wiregui(["reset-admin-password", "--email", "ghost@example.com"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No user with email ghost@example.com/);
  });

  it("revokes the admin's API tokens and says so", async () => {
    const root = (await findUserByEmail(database.db, "root@example.com"))!;
    const { token } = await createApiToken(database.db, root, { userId: root.id, name: "automation", lifetime: "never" });
    expect(await authenticateApiToken(database.db, token, { ip: null })).not.toBeNull();
    const result = await wiregui(["reset-admin-password", "--email", "root@example.com", "--no-interactive"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/API tokens revoked: 1/);
    expect(await authenticateApiToken(database.db, token, { ip: null })).toBeNull();
    expect((await listApiTokens(database.db, root.id)).map((row) => row.status)).toEqual(["revoked"]);
  });
});
