import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { updateConfiguration, createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { LoginThrottle } from "./login-throttle";
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

function attempt(email: string, attemptPassword: string, throttle = new LoginThrottle(), ip: string | null = "192.0.2.10") {
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

  it("locks an account after 5 failures, even for the right password from another address", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i += 1) {
      expect((await failureOf(attempt(user.email, "wrong", throttle))).reason).toBe("invalid_credentials");
    }
    const locked = await failureOf(attempt(user.email, password, throttle, "198.51.100.7"));
    expect(locked.reason).toBe("throttled");
    expect(locked.message).toMatch(/Try again in 15 minutes/);
  });

  it("limits one address across accounts", async () => {
    const throttle = new LoginThrottle({ accountFailures: 100, ipFailures: 3, windowSeconds: 60 });
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
  it("lets no more than the account limit reach the password check at once", async () => {
    const user = await newUser();
    const throttle = new LoginThrottle();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, index) => failureOf(attempt(user.email, `guess-${index}`, throttle, `198.51.100.${index + 1}`))),
    );
    const reasons = outcomes.map((error) => error.reason);
    expect(reasons.filter((reason) => reason === "invalid_credentials")).toHaveLength(5);
    expect(reasons.filter((reason) => reason === "throttled")).toHaveLength(7);
  });
});
