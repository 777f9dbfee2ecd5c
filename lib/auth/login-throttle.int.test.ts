// The throttle's counters are shared by every web process and kept across restarts: real separate
// Node processes run the real sign-in path against one PostgreSQL database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { DEFAULT_LIMITS, LoginThrottle, pruneSignInThrottle } from "./login-throttle";
import { hashPassword } from "./password";

const run = promisify(execFile);
let database: TestDatabase;
const password = "correct horse battery";
// Delays no test outlives: an hour after the free failures.
const limits = { ...DEFAULT_LIMITS, baseDelayMs: 60 * 60 * 1000 };

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  await createUser(database.db, { email: "owner@example.com", passwordHash: await hashPassword(password), role: "unprivileged" });
});
afterAll(() => database.drop());

/** A separate `node --import tsx` process running sign-ins; resolves to their outcomes. */
async function webProcess(attempts: Array<{ email: string; password: string; ip: string }>, isParallel = false): Promise<string[]> {
  const job = JSON.stringify({ databaseUrl: database.url, limits, attempts, isParallel });
  const { stdout } = await run(process.execPath, ["--import", "tsx", "test/fixtures/sign-in-attempts.ts", job], { timeout: 120_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as string[];
}

const guesses = (count: number, ip: string) => Array.from({ length: count }, (_, index) => ({ email: "owner@example.com", password: `guess-${index}`, ip }));

describe("the sign-in throttle across processes", () => {
  it("shares one count between two processes running at once", async () => {
    const [first, second] = await Promise.all([webProcess(guesses(6, "203.0.113.10"), true), webProcess(guesses(6, "203.0.113.10"), true)]);
    const outcomes = [...first, ...second];
    // Three free failures for the key in all, not three per process.
    expect(outcomes.filter((outcome) => outcome === "invalid_credentials")).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === "throttled")).toHaveLength(9);
  });

  it("keeps the count when a process ends and a new one starts, and the owner's own key stays open", async () => {
    expect(await webProcess(guesses(3, "203.0.113.20"))).toEqual(["invalid_credentials", "invalid_credentials", "invalid_credentials"]);
    // A restart: the next process starts with nothing in memory, and the database still says wait.
    expect(await webProcess([{ email: "owner@example.com", password, ip: "203.0.113.20" }])).toEqual(["throttled"]);
    expect(await webProcess([{ email: "owner@example.com", password, ip: "192.0.2.30" }])).toEqual(["ok"]);
  });
});

describe("pruneSignInThrottle", () => {
  it("drops failures older than a day and addresses not signed in from for 30 days, nothing newer", async () => {
    const throttle = new LoginThrottle(database.db);
    await throttle.reserveAttempt("prune@example.com", "192.0.2.40");
    await throttle.reserveAttempt("prune@example.com", "192.0.2.41");
    await throttle.recordSuccess("prune@example.com", "192.0.2.42");
    await throttle.recordSuccess("prune@example.com", "192.0.2.43");
    await database.db.$executeRaw`UPDATE sign_in_failures SET created_at = created_at - interval '25 hours' WHERE ip = '192.0.2.40'`;
    await database.db.$executeRaw`UPDATE sign_in_known_addresses SET last_sign_in_at = last_sign_in_at - interval '31 days' WHERE ip = '192.0.2.42'`;
    expect(await pruneSignInThrottle(database.db)).toEqual({ failures: 1, knownAddresses: 1 });
    expect((await database.db.signInFailure.findMany({ where: { account: "prune@example.com" } })).map((row) => row.ip)).toEqual(["192.0.2.41"]);
    expect((await database.db.signInKnownAddress.findMany({ where: { account: "prune@example.com" } })).map((row) => row.ip)).toEqual(["192.0.2.43"]);
  });
});
