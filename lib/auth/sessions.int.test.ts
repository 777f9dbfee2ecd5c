// Server-side sessions and re-authentication against the real PostgreSQL, through the functions
// next-auth's callbacks, every request and the server actions call: a copied cookie (the same
// claims) stops working after sign-out, expiry and MFA enrolment end sessions, and the
// five-minute re-authentication window is kept per session on the server.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { createUser, type UserPrincipal } from "../db/users";
import { confirmEnrolment, mfaKeys, startEnrolment } from "../mfa/service";
import { totpAt } from "../mfa/totp";
import { ReauthenticationRequiredError, ValidationError } from "../server/errors";
import { changeOwnPassword } from "../users/service";
import { DEFAULT_LIMITS, LoginThrottle } from "./login-throttle";
import { hashPassword } from "./password";
import { assertRecentlyAuthenticated, isRecentlyAuthenticated, reauthenticate, REAUTHENTICATION_WINDOW_MS, reauthenticationMethod } from "./reauthentication";
import { createAuthSession, endAuthSession, resolveSession, SESSION_MAX_AGE_SECONDS, type SessionClaims } from "./sessions";

let database: TestDatabase;
let passwordHash: string;
const password = "the-right-password-1";
const keys = mfaKeys("sessions-integration-test-secret-0123456789");

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  passwordHash = await hashPassword(password);
});
afterAll(() => database.drop());

const newUser = (options: { hasPassword?: boolean } = {}) =>
  createUser(database.db, { email: `session-${randomBytes(4).toString("hex")}@example.com`, passwordHash: options.hasPassword === false ? null : passwordHash, role: "unprivileged" });

/** What the session cookie (the next-auth JWT) of a sign-in at `now` holds. */
async function signIn(user: UserPrincipal, now = new Date()): Promise<SessionClaims> {
  return { userId: user.id, sessionId: await createAuthSession(database.db, user.id, now), sessionVersion: user.sessionVersion };
}

async function resolved(claims: SessionClaims, now = new Date()) {
  const session = await resolveSession(database.db, claims, now);
  if (!session) throw new Error("expected a live session");
  return session;
}

const minutes = (n: number) => n * 60_000;

/** Whether a sensitive change would be allowed right now for this cookie's session. */
async function isFresh(claims: SessionClaims): Promise<boolean> {
  return isRecentlyAuthenticated(await resolved(claims));
}

describe("server-side sessions", () => {
  it("signing out ends the session on the server: the same cookie no longer signs in", async () => {
    const user = await newUser();
    const cookie = await signIn(user);
    const copied = { ...cookie };
    expect((await resolved(cookie)).user.id).toBe(user.id);
    await endAuthSession(database.db, cookie.sessionId);
    expect(await resolveSession(database.db, copied)).toBeNull();
    expect(await database.db.authSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses cookies without a session id, with another user's session id, or with a stale session version", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const cookie = await signIn(user);
    expect(await resolveSession(database.db, { userId: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    expect(await resolveSession(database.db, { ...cookie, userId: other.id })).toBeNull();
    expect(await resolveSession(database.db, { ...cookie, sessionId: "not-a-uuid" })).toBeNull();
    // The session version behaviour is kept: a new password ends every session, this record included.
    await changeOwnPassword(database.db, user, "another-password-1");
    expect(await resolveSession(database.db, cookie)).toBeNull();
  });

  it("expires 12 hours after sign-in, and expired records are pruned at the next sign-in", async () => {
    const user = await newUser();
    const start = new Date("2026-12-04T08:00:00Z");
    const cookie = await signIn(user, start);
    const almost = new Date(start.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    expect(await resolveSession(database.db, cookie, almost)).not.toBeNull();
    const after = new Date(start.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(await resolveSession(database.db, cookie, after)).toBeNull();
    await signIn(await newUser(), after);
    expect(await database.db.authSession.findUnique({ where: { id: cookie.sessionId! } })).toBeNull();
  });

  it("a disabled user's session is refused", async () => {
    const user = await newUser();
    const cookie = await signIn(user);
    await database.db.user.update({ where: { id: user.id }, data: { isDisabled: true } });
    expect(await resolveSession(database.db, cookie)).toBeNull();
  });

  it("enrolling MFA ends the user's other sessions and keeps the current one", async () => {
    const user = await newUser();
    const bystander = await newUser();
    const [current, laptop, phone, theirs] = [await signIn(user), await signIn(user), await signIn(user), await signIn(bystander)];
    const enrolment = await startEnrolment(database.db, keys, user);
    await confirmEnrolment(database.db, keys, { ...user, sessionId: current.sessionId }, { token: enrolment.token, name: "Phone", code: totpAt(enrolment.secret, Date.now()) });
    expect(await resolveSession(database.db, current)).not.toBeNull();
    expect(await resolveSession(database.db, laptop)).toBeNull();
    expect(await resolveSession(database.db, phone)).toBeNull();
    expect(await resolveSession(database.db, theirs)).not.toBeNull();
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "mfa.enrolled", actorUserId: user.id } });
    expect(audit.details).toMatchObject({ endedSessions: 2 });
  });
});

describe("re-authentication", () => {
  it("a sign-in counts for five minutes, then sensitive changes are refused", async () => {
    const user = await newUser();
    const start = new Date();
    const cookie = await signIn(user, start);
    const session = await resolved(cookie, start);
    expect(() => assertRecentlyAuthenticated(session, new Date(start.getTime() + minutes(4)))).not.toThrow();
    expect(() => assertRecentlyAuthenticated(session, new Date(start.getTime() + REAUTHENTICATION_WINDOW_MS))).toThrow(ReauthenticationRequiredError);
  });

  it("is refused without the password, accepted with it, and expires five minutes later", async () => {
    const user = await newUser();
    const cookie = await signIn(user);
    // Signed in long ago: the stored time decides, whatever the browser sends.
    await database.db.authSession.update({ where: { id: cookie.sessionId! }, data: { authenticatedAt: new Date(Date.now() - minutes(30)) } });
    const stale = await resolved(cookie);
    expect(() => assertRecentlyAuthenticated(stale)).toThrow(ReauthenticationRequiredError);
    expect(await reauthenticationMethod(database.db, user.id)).toBe("password");

    const throttle = new LoginThrottle(database.db);
    const wrong = await reauthenticate(database.db, throttle, keys.secrets, { session: stale, password: "a-wrong-password", code: "" }).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).fieldErrors).toEqual({ password: "is incorrect" });
    expect(() => assertRecentlyAuthenticated(stale)).toThrow(ReauthenticationRequiredError);
    expect(await database.db.auditEvent.count({ where: { action: "auth.reauthentication_failed", actorUserId: user.id } })).toBe(1);

    const at = new Date();
    await reauthenticate(database.db, throttle, keys.secrets, { session: stale, password, code: "", now: at });
    const fresh = await resolved(cookie);
    expect(fresh.authenticatedAt).toEqual(at);
    expect(() => assertRecentlyAuthenticated(fresh, new Date(at.getTime() + minutes(4) + 59_000))).not.toThrow();
    expect(() => assertRecentlyAuthenticated(fresh, new Date(at.getTime() + minutes(5)))).toThrow(ReauthenticationRequiredError);
    expect(await database.db.auditEvent.count({ where: { action: "auth.reauthenticated", targetId: cookie.sessionId } })).toBe(1);
  });

  it("is remembered per session: confirming in one browser does not unlock another", async () => {
    const user = await newUser();
    const [here, there] = [await signIn(user), await signIn(user)];
    const old = new Date(Date.now() - minutes(10));
    await database.db.authSession.updateMany({ where: { userId: user.id }, data: { authenticatedAt: old } });
    await reauthenticate(database.db, new LoginThrottle(database.db), keys.secrets, { session: await resolved(here), password, code: "" });
    expect(await isFresh(here)).toBe(true);
    expect(await isFresh(there)).toBe(false);
  });

  it("needs a fresh TOTP code too when the user has MFA", async () => {
    const user = await newUser();
    const cookie = await signIn(user);
    const enrolment = await startEnrolment(database.db, keys, user);
    await confirmEnrolment(database.db, keys, { ...user, sessionId: cookie.sessionId }, { token: enrolment.token, name: "Phone", code: totpAt(enrolment.secret, Date.now()) });
    await database.db.authSession.update({ where: { id: cookie.sessionId! }, data: { authenticatedAt: new Date(Date.now() - minutes(6)) } });
    const session = await resolved(cookie);
    expect(await reauthenticationMethod(database.db, user.id)).toBe("password_and_code");
    const throttle = new LoginThrottle(database.db);

    const noCode = await reauthenticate(database.db, throttle, keys.secrets, { session, password, code: "" }).catch((error: unknown) => error);
    expect((noCode as ValidationError).fieldErrors).toEqual({ code: expect.stringMatching(/6-digit code/) });
    // The enrolment used the current step's code: it cannot be used again.
    const replayed = await reauthenticate(database.db, throttle, keys.secrets, { session, password, code: totpAt(enrolment.secret, Date.now()) }).catch((error: unknown) => error);
    expect((replayed as ValidationError).fieldErrors).toEqual({ code: expect.stringMatching(/does not match/) });
    expect(() => assertRecentlyAuthenticated(session)).toThrow(ReauthenticationRequiredError);

    await reauthenticate(database.db, throttle, keys.secrets, { session, password, code: totpAt(enrolment.secret, Date.now() + 30_000) });
    expect(await isFresh(cookie)).toBe(true);
  });

  it("counts wrong passwords in the sign-in throttle", async () => {
    const user = await newUser();
    const session = await resolved(await signIn(user));
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, freeFailures: 2, baseDelayMs: 60_000 });
    for (let attempt = 0; attempt < 2; attempt += 1) await reauthenticate(database.db, throttle, keys.secrets, { session, password: "wrong-password-x", code: "" }).catch(() => undefined);
    const throttled = await reauthenticate(database.db, throttle, keys.secrets, { session, password, code: "" }).catch((error: unknown) => error);
    expect((throttled as ValidationError).fieldErrors?.password).toMatch(/Too many failed sign-in attempts/);
  });

  it("accounts without a password confirm through their identity provider: a fresh sign-in counts", async () => {
    const user = await newUser({ hasPassword: false });
    expect(await reauthenticationMethod(database.db, user.id)).toBe("identity_provider");
    const cookie = await signIn(user, new Date(Date.now() - minutes(20)));
    const stale = await resolved(cookie);
    expect(() => assertRecentlyAuthenticated(stale)).toThrow(ReauthenticationRequiredError);
    const refused = await reauthenticate(database.db, new LoginThrottle(database.db), keys.secrets, { session: stale, password: "anything-at-all", code: "" }).catch((error: unknown) => error);
    expect((refused as ValidationError).message).toMatch(/identity provider/);
    // Signing in again through the provider makes a new session, authenticated now.
    expect(await isFresh(await signIn(user))).toBe(true);
  });
});
