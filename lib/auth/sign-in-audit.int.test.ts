// Every password sign-in, accepted or refused, leaves an audit event with its reason and the
// request's address and user agent (real PostgreSQL).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration, updateConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { runWithRequestContext } from "../request-context";
import { SecretBox } from "../crypto/secret-box";
import { DEFAULT_LIMITS, LoginThrottle } from "./login-throttle";
import { hashPassword } from "./password";
import { signInWithPassword } from "./password-sign-in";

let database: TestDatabase;
const password = "correct horse battery";
const request = { ip: "127.0.0.1", userAgent: "Mozilla/5.0 Chrome/156.0.0.0" };

// No user here has MFA: the box is only passed along.
const secretBox = new SecretBox("sign-in-audit-integration-test-secret-0123456");

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  const passwordHash = await hashPassword(password);
  await createUser(database.db, { email: "ann@example.com", passwordHash, role: "unprivileged" });
  const disabled = await createUser(database.db, { email: "dis@example.com", passwordHash, role: "unprivileged" });
  await database.db.user.update({ where: { id: disabled.id }, data: { isDisabled: true } });
});
afterAll(() => database.drop());

function attempt(email: string, attemptPassword: string, throttle = new LoginThrottle(database.db)) {
  // As the next-auth route runs it: inside the request context, with the address from the same request.
  return runWithRequestContext(request, () => signInWithPassword(database.db, throttle, { email, password: attemptPassword, ip: request.ip, secretBox })).catch(() => null);
}

async function lastEvent() {
  return database.db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

describe("password sign-in audit", () => {
  it("records a success with the address and user agent", async () => {
    await attempt("ann@example.com", password);
    expect(await lastEvent()).toMatchObject({ action: "auth.sign_in", actorEmail: "ann@example.com", ...request, details: { method: "local" } });
  });

  it("records a wrong password and an unknown email with the reason", async () => {
    await attempt("ann@example.com", "wrong password!");
    expect(await lastEvent()).toMatchObject({ action: "auth.sign_in_failed", actorEmail: "ann@example.com", ...request, details: { reason: "invalid_credentials", email: "ann@example.com" } });
    await attempt("nobody@example.com", password);
    expect(await lastEvent()).toMatchObject({ action: "auth.sign_in_failed", actorUserId: null, details: { reason: "invalid_credentials", email: "nobody@example.com" } });
  });

  it("records a disabled account's attempt", async () => {
    await attempt("dis@example.com", password);
    expect(await lastEvent()).toMatchObject({ action: "auth.sign_in_failed", actorEmail: "dis@example.com", ...request, details: { reason: "disabled" } });
  });

  it("records a throttled attempt", async () => {
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, freeFailures: 1, baseDelayMs: 60 * 60 * 1000 });
    await attempt("ann@example.com", "wrong password!", throttle);
    await attempt("ann@example.com", password, throttle);
    expect(await lastEvent()).toMatchObject({ action: "auth.sign_in_failed", actorUserId: null, ...request, details: { reason: "throttled", email: "ann@example.com" } });
  });

  it("records an attempt while password sign-in is off", async () => {
    await updateConfiguration(database.db, { isLocalAuthEnabled: false });
    try {
      await attempt("ann@example.com", password);
      expect(await lastEvent()).toMatchObject({ action: "auth.sign_in_failed", details: { reason: "local_auth_disabled" } });
    } finally {
      await updateConfiguration(database.db, { isLocalAuthEnabled: true });
    }
  });
});

describe("a flood of refusals", () => {
  it("folds 400 refused attempts from one address into one row per reason, with counts", async () => {
    const flood = { ip: "198.51.100.99", userAgent: request.userAgent };
    const throttle = new LoginThrottle(database.db);
    for (let i = 0; i < 400; i += 1) {
      await runWithRequestContext(flood, () => signInWithPassword(database.db, throttle, { email: "ann@example.com", password: `guess-${i}`, ip: flood.ip, secretBox })).catch(() => null);
    }
    const rows = await database.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", ip: flood.ip }, orderBy: { id: "asc" } });
    const reasons = rows.map((row) => (row.details as { reason: string }).reason);
    expect(reasons.sort()).toEqual(["invalid_credentials", "throttled"]);
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(400);
    const throttled = rows.find((row) => (row.details as { reason: string }).reason === "throttled")!;
    expect(throttled.count).toBeGreaterThan(300);
    expect(throttled.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(throttled.createdAt.getTime());
    expect(throttled).toMatchObject({ actorUserId: null, userAgent: flood.userAgent, details: { email: "ann@example.com", method: "local" } });
  });

  it("keeps refusals from another address, or of another email, in rows of their own", async () => {
    const throttle = new LoginThrottle(database.db);
    const refuse = (email: string, ip: string) =>
      runWithRequestContext({ ip, userAgent: null }, () => signInWithPassword(database.db, throttle, { email, password: "wrong", ip, secretBox })).catch(() => null);
    await refuse("nobody-a@example.com", "192.0.2.81");
    await refuse("nobody-a@example.com", "192.0.2.81");
    await refuse("nobody-a@example.com", "192.0.2.82");
    await refuse("nobody-b@example.com", "192.0.2.81");
    const rows = await database.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", ip: { in: ["192.0.2.81", "192.0.2.82"] } } });
    expect(rows.map((row) => [(row.details as { email: string }).email, row.ip, row.count]).sort()).toEqual([
      ["nobody-a@example.com", "192.0.2.81", 2],
      ["nobody-a@example.com", "192.0.2.82", 1],
      ["nobody-b@example.com", "192.0.2.81", 1],
    ]);
  });
});
