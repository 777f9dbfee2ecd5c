// The audit retention (Settings → Security) and the prune that applies it, against the real
// PostgreSQL; and the real `wiregui prune-audit` command as a subprocess.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { updateSecuritySettings } from "../settings/security-settings";
import { pruneExpiredRecords } from "./retention";

const run = promisify(execFile);
const DAY_MS = 24 * 60 * 60 * 1000;
let database: TestDatabase;
let actor: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  actor = await createUser(database.db, { email: "admin@wiregui.test", passwordHash: null, role: "admin" });
});
afterAll(() => database.drop());

const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

beforeEach(async () => {
  await database.db.auditEvent.deleteMany({});
  await database.db.configuration.update({ where: { id: 1 }, data: { auditRetentionDays: 365 } });
  await database.db.auditEvent.createMany({
    data: [
      { action: "user.created", targetId: "old", createdAt: daysAgo(400) },
      { action: "user.created", targetId: "just-inside", createdAt: daysAgo(364) },
      { action: "user.created", targetId: "recent", createdAt: daysAgo(10) },
      // A folded row whose first refusal is old but whose last one is recent is kept whole.
      { action: "auth.sign_in_failed", targetId: "folded-recent", createdAt: daysAgo(400), lastSeenAt: daysAgo(1), count: 12 },
      { action: "auth.sign_in_failed", targetId: "folded-old", createdAt: daysAgo(500), lastSeenAt: daysAgo(450), count: 3 },
    ],
  });
});

const remaining = async () => (await database.db.auditEvent.findMany({ where: { action: { not: "settings.security_changed" } }, orderBy: { targetId: "asc" } })).map((row) => row.targetId);

describe("pruneExpiredRecords", () => {
  it("keeps a year by default and deletes only what is older", async () => {
    expect(await pruneExpiredRecords(database.db, now)).toMatchObject({ auditEvents: 2, retentionDays: 365 });
    expect(await remaining()).toEqual(["folded-recent", "just-inside", "recent"]);
  });

  it("follows the retention saved on Settings → Security", async () => {
    await updateSecuritySettings(database.db, actor, { auditRetentionDays: 30 });
    expect(await pruneExpiredRecords(database.db, now)).toMatchObject({ auditEvents: 3, retentionDays: 30 });
    expect(await remaining()).toEqual(["folded-recent", "recent"]);
    const change = await database.db.auditEvent.findFirstOrThrow({ where: { action: "settings.security_changed" } });
    expect(change.details).toEqual({ before: { auditRetentionDays: 365 }, after: { auditRetentionDays: 30 } });
  });

  it("runs as `wiregui prune-audit`", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "cli/wiregui.ts", "prune-audit"], {
      env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: "prune-audit-integration-test-secret-0123456789" },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/Deleted 2 audit event\(s\) older than 365 days/);
    expect(await remaining()).toEqual(["folded-recent", "just-inside", "recent"]);
  });
});

describe("the retention setting", () => {
  it("is held to 1–3650 days by the database too", async () => {
    await expect(database.db.configuration.update({ where: { id: 1 }, data: { auditRetentionDays: 0 } })).rejects.toThrow(/audit_retention_days_check|constraint/i);
  });
});
