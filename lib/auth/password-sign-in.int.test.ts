import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { updateConfiguration, createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { DEFAULT_LIMITS, LoginThrottle } from "./login-throttle";
import { hashPassword } from "./password";
import { signInWithPassword, SignInError, INVALID_CREDENTIALS_MESSAGE } from "./password-sign-in";

let database: TestDatabase;
let passwordHash: string;
const password = "correct horse battery";
const secretBox = new SecretBox("password-sign-in-integration-test-secret-0123");

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  passwordHash = await hashPassword(password);
});
afterAll(() => database.drop());

async function newUser(overrides: { isDisabled?: boolean } = {}) {
  const email = `user-${randomBytes(4).toString("hex")}@example.com`;
  const user = await createUser(database.db, { email, passwordHash, role: "unprivileged" });
  if (overrides.isDisabled) await database.db.user.update({ where: { id: user.id }, data: { isDisabled: true } });
  return user;
}

function attempt(email: string, attemptPassword: string, throttle = new LoginThrottle(database.db), ip: string | null = "192.0.2.10") {
  return signInWithPassword(database.db, throttle, { email, password: attemptPassword, ip, secretBox });
}

async function failureOf(promise: Promise<unknown>): Promise<SignInError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SignInError);
  return error as SignInError;
}

describe("signInWithPassword", () => {
  it("accepts the right password, whatever the email's case, and records the sign-in", async () => {
    const user = await newUser();
    const principal = await attempt(user.email.toUpperCase(), password);
    expect(principal).toMatchObject({ id: user.id, email: user.email, role: "unprivileged" });
    expect(principal).not.toHaveProperty("passwordHash");
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInMethod).toBe("local");
    expect(row.lastSignInAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const events = await database.db.auditEvent.findMany({ where: { actorUserId: user.id, action: "auth.sign_in" } });
    expect(events).toHaveLength(1);
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const user = await newUser();
    const wrong = await failureOf(attempt(user.email, "not the password"));
    const unknown = await failureOf(attempt("nobody@example.com", password));
    expect(wrong.reason).toBe("invalid_credentials");
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.message).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await newUser({ isDisabled: true });
    const error = await failureOf(attempt(user.email, password));
    expect(error.reason).toBe("disabled");
    expect(error.message).toMatch(/disabled/);
  });

  it("lets the owner in with the right password while a stranger guessing from another address is held back", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle(database.db);
    for (let i = 0; i < 3; i += 1) {
      expect((await failureOf(attempt(user.email, "wrong", throttle, "203.0.113.66"))).reason).toBe("invalid_credentials");
    }
    const held = await failureOf(attempt(user.email, "wrong", throttle, "203.0.113.66"));
    expect(held.reason).toBe("throttled");
    expect(held.message).toMatch(/Try again in \d+ seconds?\./);
    // Even the right password waits on the stranger's key: the key is held back, not the account.
    expect((await failureOf(attempt(user.email, password, throttle, "203.0.113.66"))).reason).toBe("throttled");
    await expect(attempt(user.email, password, throttle, "198.51.100.7")).resolves.toMatchObject({ id: user.id });
  });

  it("doubles the wait with each failure of one account + address", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, freeFailures: 1, baseDelayMs: 60_000 });
    await failureOf(attempt(user.email, "wrong", throttle));
    await database.db.$executeRaw`UPDATE sign_in_failures SET created_at = created_at - interval '61 seconds' WHERE account = ${user.email}`;
    await failureOf(attempt(user.email, "wrong", throttle));
    expect((await failureOf(attempt(user.email, "wrong", throttle))).message).toMatch(/Try again in 2 minutes\./);
  });

  it("holds an account at 100 failures an hour from unknown addresses, but not from one it signed in from", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle(database.db);
    await attempt(user.email, password, throttle, "192.0.2.200");
    // A stranger spreads 100 guesses over 100 addresses: no key ever reaches its back-off.
    for (let i = 1; i <= 100; i += 1) await throttle.reserveAttempt(user.email, `198.18.${Math.floor(i / 250)}.${i % 250}`);
    const atCeiling = await failureOf(attempt(user.email, password, throttle, "198.18.9.9"));
    expect(atCeiling.reason).toBe("throttled");
    expect(atCeiling.message).toMatch(/Try again in (59|60) minutes\./);
    await expect(attempt(user.email, password, throttle, "192.0.2.200")).resolves.toMatchObject({ id: user.id });
    // The owner's success forgave only their own key: the stranger's 100 still hold the account.
    expect((await failureOf(attempt(user.email, password, throttle, "198.18.9.9"))).reason).toBe("throttled");
  });

  it("limits one address across accounts", async () => {
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, ipFailuresPerHour: 3 });
    const [a, b] = [await newUser(), await newUser()];
    await failureOf(attempt(a.email, "wrong", throttle, "192.0.2.50"));
    await failureOf(attempt(b.email, "wrong", throttle, "192.0.2.50"));
    await failureOf(attempt(a.email, "wrong", throttle, "192.0.2.50"));
    expect((await failureOf(attempt(b.email, password, throttle, "192.0.2.50"))).reason).toBe("throttled");
    await expect(attempt(b.email, password, throttle, "192.0.2.51")).resolves.toMatchObject({ id: b.id });
  });

  it("refuses every password sign-in when local sign-in is turned off", async () => {
    const user = await newUser();
    await updateConfiguration(database.db, { isLocalAuthEnabled: false });
    try {
      expect((await failureOf(attempt(user.email, password))).reason).toBe("local_auth_disabled");
    } finally {
      await updateConfiguration(database.db, { isLocalAuthEnabled: true });
    }
  });
});

describe("signInWithPassword under parallel guessing", () => {
  it("lets no more than the free failures of one key reach the password check at once", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, baseDelayMs: 60 * 60 * 1000 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, index) => failureOf(attempt(user.email, `guess-${index}`, throttle, "198.51.100.1"))));
    const reasons = outcomes.map((error) => error.reason);
    expect(reasons.filter((reason) => reason === "invalid_credentials")).toHaveLength(3);
    expect(reasons.filter((reason) => reason === "throttled")).toHaveLength(9);
  });

  it("lets no more than the account ceiling through at once across addresses", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle(database.db, { ...DEFAULT_LIMITS, accountFailuresPerHour: 4 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, index) => failureOf(attempt(user.email, `guess-${index}`, throttle, `198.51.100.${index + 1}`))));
    expect(outcomes.filter((error) => error.reason === "invalid_credentials")).toHaveLength(4);
  });
});
