// A new password ends the user's API tokens, however it was set: the user's own change, an admin's
// reset through the users service, and the reset-admin-password command (its verb here; the real
// subprocess in cli/wiregui.int.test.ts). Checked through the real /api/v0/me route handler.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { createUser, type UserPrincipal } from "../db/users";
import { resetAdminPassword } from "../setup/reset-admin-password";
import { changeOwnPassword, updateUser } from "../users/service";
import { createApiToken, listApiTokens } from "./service";

type MeRoute = { GET: (request: Request) => Promise<Response> };

let database: TestDatabase;
let meRoute: MeRoute;
let admin: UserPrincipal;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", "revocation-test-secret-revocation-test-secret");
  await createConfiguration(database.db, {});
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
  meRoute = (await import("@/app/api/v0/me/route")) as unknown as MeRoute;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.drop();
});

async function me(token: string): Promise<number> {
  const response = await meRoute.GET(new Request("http://127.0.0.1:3000/api/v0/me", { headers: { authorization: `Bearer ${token}` } }));
  return response.status;
}

/** Two active tokens and an expired one for `user`, and a bystander's token that must survive. */
async function tokensFor(user: UserPrincipal) {
  const first = await createApiToken(database.db, user, { userId: user.id, name: "backup script", lifetime: "30" });
  const second = await createApiToken(database.db, user, { userId: user.id, name: "monitoring", lifetime: "never" });
  const expired = await createApiToken(database.db, user, { userId: user.id, name: "old", lifetime: "1" });
  await database.db.apiToken.update({ where: { id: expired.apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const bystander = await createUser(database.db, { email: `bystander-${user.email}`, passwordHash: null, role: "unprivileged" });
  const other = await createApiToken(database.db, bystander, { userId: bystander.id, name: "theirs", lifetime: "30" });
  expect(await me(first.token)).toBe(200);
  expect(await me(second.token)).toBe(200);
  return { tokens: [first.token, second.token], otherToken: other.token };
}

async function expectRevoked(user: UserPrincipal, tokens: string[], otherToken: string, reason: string) {
  for (const token of tokens) expect(await me(token)).toBe(401);
  expect(await me(otherToken)).toBe(200);
  // The token tables show them as revoked; the expired one stays expired.
  const statuses = Object.fromEntries((await listApiTokens(database.db, user.id)).map((token) => [token.name, token.status]));
  expect(statuses).toEqual({ "backup script": "revoked", monitoring: "revoked", old: "expired" });
  const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "api_token.revoked_all", targetId: user.id } });
  expect(audit.details).toEqual({ reason, revoked: 2 });
}

describe("a new password revokes the user's API tokens", () => {
  it("when the user changes it on the account page", async () => {
    const user = await createUser(database.db, { email: "self@example.com", passwordHash: null, role: "unprivileged" });
    const { tokens, otherToken } = await tokensFor(user);
    expect(await changeOwnPassword(database.db, user, "a-brand-new-password")).toEqual({ revokedTokens: 2 });
    await expectRevoked(user, tokens, otherToken, "password_changed");
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "user.password_changed", targetId: user.id } });
    expect(audit.details).toEqual({ revokedTokens: 2 });
    const row = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("when an admin sets it through the users service, and not for other edits", async () => {
    const user = await createUser(database.db, { email: "managed@example.com", passwordHash: null, role: "unprivileged" });
    const { tokens, otherToken } = await tokensFor(user);
    const edit = { id: user.id, email: user.email, role: user.role, isDisabled: false };
    expect(await updateUser(database.db, admin, { ...edit, email: "managed2@example.com", password: "" })).toMatchObject({ revokedTokens: 0 });
    for (const token of tokens) expect(await me(token)).toBe(200);
    expect(await updateUser(database.db, admin, { ...edit, email: "managed2@example.com", password: "set-by-the-admin-1" })).toMatchObject({ revokedTokens: 2 });
    await expectRevoked(user, tokens, otherToken, "password_reset_by_admin");
  });

  it("when reset-admin-password resets it", async () => {
    const locked = await createUser(database.db, { email: "locked-admin@example.com", passwordHash: null, role: "admin" });
    const { tokens, otherToken } = await tokensFor(locked);
    const result = await resetAdminPassword(database.db, { email: locked.email, password: "reset-by-the-operator" });
    expect(result.revokedTokens).toBe(2);
    await expectRevoked(locked, tokens, otherToken, "password_reset_command_line");
  });
});
