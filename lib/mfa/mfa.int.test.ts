// MFA against the real PostgreSQL: enrolment, the sign-in's second step (replay, throttling, races)
// and an admin's reset, through the same functions the server actions and next-auth call.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { DEFAULT_LIMITS, LoginThrottle } from "../auth/login-throttle";
import { hashPassword } from "../auth/password";
import { SignInError, signInWithPassword } from "../auth/password-sign-in";
import { deriveEncryptionKey } from "../crypto/keys";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration } from "../db/configuration";
import { listMfaMethods } from "../db/mfa";
import { createUser } from "../db/users";
import { ValidationError, NotFoundError } from "../server/errors";
import { confirmEnrolment, deleteOwnMethod, ENROLMENT_TTL_MS, mfaKeys, resetMfa, startEnrolment } from "./service";
import { MFA_CODE_REQUIRED } from "./sign-in-step";
import { timeStep, totpAt } from "./totp";

let database: TestDatabase;
let passwordHash: string;
const password = "correct horse battery";
const keys = mfaKeys("mfa-integration-test-secret-0123456789abcdef");
const secretBox = keys.secrets;
let admin: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  passwordHash = await hashPassword(password);
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
});
afterAll(() => database.drop());

async function newUser(options: { hasPassword?: boolean } = {}) {
  const email = `mfa-${randomBytes(4).toString("hex")}@example.com`;
  return createUser(database.db, { email, passwordHash: options.hasPassword === false ? null : passwordHash, role: "unprivileged" });
}

/** Enrols an authenticator the way the dialog does, with the code of the current step. */
async function enrol(user: { id: string; email: string }, name = "Phone") {
  const enrolment = await startEnrolment(database.db, keys, user);
  await confirmEnrolment(database.db, keys, user, { token: enrolment.token, name, code: totpAt(enrolment.secret, Date.now()) });
  return enrolment.secret;
}

/**
 * The code of the next time step: accepted (the window is ±1 step) and never used, since the
 * enrolment consumed the current step.
 */
const nextCode = (secret: string) => totpAt(secret, Date.now() + 30_000);

/** A six-digit code that matches no step in or near the window. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2, 3].map((offset) => totpAt(secret, Date.now() + offset * 30_000)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

function signIn(email: string, code?: string, throttle = new LoginThrottle(database.db), ip = "192.0.2.20") {
  return signInWithPassword(database.db, throttle, { email, password, code, ip, secretBox });
}

async function failureOf(promise: Promise<unknown>): Promise<SignInError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SignInError);
  return error as SignInError;
}

async function validationErrorOf(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** Events, counting each folded repeat (refusals fold into one row with a count). */
const auditCount = (userId: string, action: string) =>
  database.db.auditEvent.aggregate({ where: { action, OR: [{ actorUserId: userId }, { targetId: userId }] }, _sum: { count: true } }).then((sum) => sum._sum.count ?? 0);
/** Back-off long enough that no test outlives it. */
const slowLimits = { ...DEFAULT_LIMITS, baseDelayMs: 60 * 60 * 1000 };

describe("enrolment", () => {
  it("refuses a wrong code on the code field and saves nothing", async () => {
    const user = await newUser();
    const enrolment = await startEnrolment(database.db, keys, user);
    const error = await validationErrorOf(confirmEnrolment(database.db, keys, user, { token: enrolment.token, name: "Phone", code: wrongCode(enrolment.secret) }));
    expect(error.fieldErrors).toEqual({ code: expect.stringMatching(/does not match/) });
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(0);
    expect(await database.db.auditEvent.count({ where: { action: "mfa.enrolled", actorUserId: user.id } })).toBe(0);
    // The sign-in is still the password alone.
    await expect(signIn(user.email)).resolves.toMatchObject({ id: user.id });
  });

  it("saves the method with its secret sealed when the code is right, and audits it", async () => {
    const user = await newUser();
    const enrolment = await startEnrolment(database.db, keys, user);
    expect(enrolment.uri).toBe(`otpauth://totp/WireGUI:${encodeURIComponent(user.email)}?secret=${enrolment.secret}&issuer=WireGUI&algorithm=SHA1&digits=6&period=30`);
    expect(enrolment.token).not.toContain(enrolment.secret);
    const method = await confirmEnrolment(database.db, keys, user, { token: enrolment.token, name: "Work phone", code: totpAt(enrolment.secret, Date.now()) });
    expect(method).toMatchObject({ name: "Work phone", type: "totp", lastUsedAt: null });
    const row = await database.db.mfaMethod.findUniqueOrThrow({ where: { id: method.id }, select: { secretEncrypted: true, lastUsedStep: true } });
    expect(row.secretEncrypted).not.toContain(enrolment.secret);
    expect(secretBox.open(row.secretEncrypted)).toBe(enrolment.secret);
    // The enrolment code counts as used.
    expect(row.lastUsedStep).toBeGreaterThanOrEqual(timeStep(Date.now()) - 1);
    expect(await database.db.auditEvent.count({ where: { action: "mfa.enrolled", actorUserId: user.id, targetId: method.id } })).toBe(1);
  });

  it("keeps several methods per user, refusing a duplicate name on the name field", async () => {
    const user = await newUser();
    await enrol(user, "Phone");
    await enrol(user, "Tablet");
    expect((await listMfaMethods(database.db, user.id)).map((method) => method.name)).toEqual(["Phone", "Tablet"]);
    const enrolment = await startEnrolment(database.db, keys, user);
    const error = await validationErrorOf(confirmEnrolment(database.db, keys, user, { token: enrolment.token, name: "phone", code: totpAt(enrolment.secret, Date.now()) }));
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["name"]);
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(2);
  });

  it("refuses another user's enrolment, an expired one and a forged token", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const enrolment = await startEnrolment(database.db, keys, user);
    const code = totpAt(enrolment.secret, Date.now());
    await validationErrorOf(confirmEnrolment(database.db, keys, other, { token: enrolment.token, name: "Stolen", code }));
    const later = Date.now() + ENROLMENT_TTL_MS + 1000;
    const expired = await validationErrorOf(confirmEnrolment(database.db, keys, user, { token: enrolment.token, name: "Late", code: totpAt(enrolment.secret, later) }, later));
    expect(expired.message).toMatch(/expired/);
    await validationErrorOf(confirmEnrolment(database.db, keys, user, { token: `${enrolment.token.slice(0, -4)}AAAA`, name: "Forged", code }));
    expect(await database.db.mfaMethod.count({ where: { userId: { in: [user.id, other.id] } } })).toBe(0);
  });

  it("refuses an enrolment sealed with the encryption key (the collector's), not the enrolment key", async () => {
    const user = await newUser();
    const secret = "JBSWY3DPEHPK3PXP";
    const pending = { purpose: "mfa-enrolment", userId: user.id, secret, expiresAt: Date.now() + 60_000 };
    const forged = new SecretBox({ key: deriveEncryptionKey("mfa-integration-test-secret-0123456789abcdef") }).seal(JSON.stringify(pending));
    const error = await validationErrorOf(confirmEnrolment(database.db, keys, user, { token: forged, name: "Forged", code: totpAt(secret, Date.now()) }));
    expect(error.message).toMatch(/not valid/);
    const genuine = await startEnrolment(database.db, keys, user);
    expect(() => keys.secrets.open(genuine.token)).toThrow();
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is refused to an account without a password (SSO only)", async () => {
    const user = await newUser({ hasPassword: false });
    const error = await validationErrorOf(startEnrolment(database.db, keys, user));
    expect(error.message).toMatch(/sign in with a password/);
  });

  it("deletes only the user's own methods", async () => {
    const [user, other] = [await newUser(), await newUser()];
    await enrol(user);
    const [method] = await listMfaMethods(database.db, user.id);
    await expect(deleteOwnMethod(database.db, other, method!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(1);
    await expect(deleteOwnMethod(database.db, user, method!.id)).resolves.toEqual({ name: "Phone" });
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(0);
    expect(await database.db.auditEvent.count({ where: { action: "mfa.deleted", actorUserId: user.id, targetId: method!.id } })).toBe(1);
  });
});

describe("sign-in with MFA", () => {
  it("refuses the password alone with the code-required answer, and signs nobody in", async () => {
    const user = await newUser();
    await enrol(user);
    const error = await failureOf(signIn(user.email));
    expect(error.reason).toBe("mfa_code_required");
    expect(error.message).toBe(MFA_CODE_REQUIRED);
    expect((await failureOf(signIn(user.email, "   "))).reason).toBe("mfa_code_required");
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt).toBeNull();
    expect(await auditCount(user.id, "auth.sign_in")).toBe(0);
  });

  it("never reaches the code step with a wrong password, even with a valid code", async () => {
    const user = await newUser();
    const secret = await enrol(user);
    const error = await failureOf(signInWithPassword(database.db, new LoginThrottle(database.db), { email: user.email, password: "not the password", code: nextCode(secret), ip: null, secretBox }));
    expect(error.reason).toBe("invalid_credentials");
    // The code was not consumed: the right password with it still signs in.
    await expect(signIn(user.email, nextCode(secret))).resolves.toMatchObject({ id: user.id });
  });

  it("signs in with a valid code, records the method's last use, and refuses the same code again", async () => {
    const user = await newUser();
    const secret = await enrol(user);
    const code = nextCode(secret);
    await expect(signIn(user.email, code)).resolves.toMatchObject({ id: user.id, email: user.email });
    const [method] = await listMfaMethods(database.db, user.id);
    expect(method!.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await auditCount(user.id, "auth.sign_in")).toBe(1);

    const replay = await failureOf(signIn(user.email, code));
    expect(replay.reason).toBe("invalid_mfa_code");
    expect(await auditCount(user.id, "auth.mfa_failed")).toBe(1);
  });

  it("refuses a wrong code and accepts a code from any of the user's methods", async () => {
    const user = await newUser();
    await enrol(user, "Phone");
    const tablet = await enrol(user, "Tablet");
    expect((await failureOf(signIn(user.email, wrongCode(tablet)))).reason).toBe("invalid_mfa_code");
    await expect(signIn(user.email, nextCode(tablet))).resolves.toMatchObject({ id: user.id });
    const methods = await listMfaMethods(database.db, user.id);
    expect(methods.find((method) => method.name === "Tablet")!.lastUsedAt).not.toBeNull();
    expect(methods.find((method) => method.name === "Phone")!.lastUsedAt).toBeNull();
  });

  it("lets exactly one of two parallel sign-ins with the same code through", async () => {
    const user = await newUser();
    const secret = await enrol(user);
    const code = nextCode(secret);
    const outcomes = await Promise.allSettled([signIn(user.email, code), signIn(user.email, code), signIn(user.email, code)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
  });

  it("counts wrong codes in the sign-in throttle: past the limit even the right code is refused", async () => {
    const user = await newUser();
    const secret = await enrol(user);
    const throttle = new LoginThrottle(database.db, slowLimits);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await failureOf(signIn(user.email, wrongCode(secret), throttle))).reason).toBe("invalid_mfa_code");
    }
    const locked = await failureOf(signIn(user.email, nextCode(secret), throttle));
    expect(locked.reason).toBe("throttled");
    expect(await auditCount(user.id, "auth.mfa_failed")).toBe(3);
    // The right code was never checked, so it is still unused (from another address: this key waits).
    await expect(signIn(user.email, nextCode(secret), new LoginThrottle(database.db), "192.0.2.99")).resolves.toMatchObject({ id: user.id });
  });

  it("does not let the code-required answer reset the throttle", async () => {
    const user = await newUser();
    const secret = await enrol(user);
    const throttle = new LoginThrottle(database.db, { ...slowLimits, freeFailures: 2 });
    // Code step, wrong code, code step, wrong code: two failures, which is where delays start here.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const error = await failureOf(signIn(user.email, attempt % 2 ? wrongCode(secret) : undefined, throttle));
      expect(error.reason).toMatch(/^(mfa_code_required|invalid_mfa_code)$/);
    }
    expect((await failureOf(signIn(user.email, nextCode(secret), throttle))).reason).toBe("throttled");
  });
});

describe("sign-in with MFA from one address", () => {
  it("does not count the code step against the address: people behind one NAT keep signing in", async () => {
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, ipFailuresPerHour: 3 });
    for (let index = 0; index < 4; index += 1) {
      const user = await newUser();
      const secret = await enrol(user);
      expect((await failureOf(signIn(user.email, undefined, throttle, "192.0.2.21"))).reason).toBe("mfa_code_required");
      await expect(signIn(user.email, nextCode(secret), throttle, "192.0.2.21")).resolves.toMatchObject({ id: user.id });
    }
  });
});

describe("an admin's reset", () => {
  it("removes every method, audits it, and the password alone signs in again", async () => {
    const user = await newUser();
    await enrol(user, "Phone");
    await enrol(user, "Tablet");
    expect((await failureOf(signIn(user.email))).reason).toBe("mfa_code_required");
    await expect(resetMfa(database.db, admin, user.id)).resolves.toEqual({ removed: 2 });
    expect(await database.db.mfaMethod.count({ where: { userId: user.id } })).toBe(0);
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { action: "mfa.reset", targetId: user.id } });
    expect(event).toMatchObject({ actorEmail: admin.email, targetType: "user", details: { email: user.email, removed: 2 } });
    await expect(signIn(user.email)).resolves.toMatchObject({ id: user.id });
  });

  it("answers not found for an unknown user", async () => {
    await expect(resetMfa(database.db, admin, "00000000-0000-4000-8000-00000000dead")).rejects.toBeInstanceOf(NotFoundError);
  });
});
