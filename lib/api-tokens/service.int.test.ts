import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createUser, type UserPrincipal } from "../db/users";
import { NotFoundError } from "../server/errors";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken, USE_AUDIT_INTERVAL_MS } from "./service";
import { hashToken } from "./token";

let database: TestDatabase;
let owner: UserPrincipal;
let other: UserPrincipal;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  owner = await createUser(database.db, { email: "owner@example.com", passwordHash: null, role: "unprivileged" });
  other = await createUser(database.db, { email: "other@example.com", passwordHash: null, role: "unprivileged" });
});
afterEach(() => database.drop());

const create = (user: UserPrincipal, lifetime: "1" | "30" | "never" = "30", now?: Date) => createApiToken(database.db, user, { userId: user.id, name: "script", lifetime }, now);

describe("createApiToken", () => {
  it("stores only the SHA-256 and the display prefix, and audits without the token", async () => {
    const { token, apiToken } = await create(owner);
    const row = await database.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.prefix).toBe(token.slice(0, 11));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "api_token.created", targetId: apiToken.id } });
    expect(audit).toMatchObject({ actorUserId: owner.id, details: { name: "script", prefix: row.prefix, ownerId: owner.id } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(token);
  });

  it("sets the expiry from the lifetime, or none", async () => {
    const now = new Date("2026-11-26T06:00:00Z");
    expect((await create(owner, "30", now)).apiToken.expiresAt).toEqual(new Date("2026-12-26T06:00:00Z"));
    expect((await create(owner, "never", now)).apiToken.expiresAt).toBeNull();
  });
});

describe("listApiTokens and revokeApiToken", () => {
  it("lists a user's tokens newest first with their status, revoked and expired ones kept", async () => {
    const old = await create(owner, "1", new Date(Date.now() - 3 * 24 * 3600_000));
    const revoked = await create(owner);
    await revokeApiToken(database.db, owner, { tokenId: revoked.apiToken.id, userId: owner.id });
    const active = await create(owner);
    await create(other);
    const tokens = await listApiTokens(database.db, owner.id);
    expect(tokens.map((token) => [token.id, token.status])).toEqual([
      [active.apiToken.id, "active"],
      [revoked.apiToken.id, "revoked"],
      [old.apiToken.id, "expired"],
    ]);
  });

  it("refuses another user's token as not found, and revokes twice with one audit entry", async () => {
    const { apiToken } = await create(owner);
    await expect(revokeApiToken(database.db, other, { tokenId: apiToken.id, userId: other.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).revokedAt).toBeNull();
    await revokeApiToken(database.db, owner, { tokenId: apiToken.id, userId: owner.id });
    await revokeApiToken(database.db, owner, { tokenId: apiToken.id, userId: owner.id });
    expect(await database.db.auditEvent.count({ where: { action: "api_token.revoked", targetId: apiToken.id } })).toBe(1);
  });
});

describe("authenticateApiToken", () => {
  it("answers the user for an active token and null for revoked, expired, disabled, unknown or malformed ones", async () => {
    const active = await create(owner);
    expect(await authenticateApiToken(database.db, active.token, { ip: null })).toMatchObject({ tokenId: active.apiToken.id, user: { id: owner.id } });

    const expired = await create(owner, "1");
    expect(await authenticateApiToken(database.db, expired.token, { ip: null, now: new Date(Date.now() + 24 * 3600_000 + 1000) })).toBeNull();
    const revoked = await create(owner);
    await revokeApiToken(database.db, owner, { tokenId: revoked.apiToken.id, userId: owner.id });
    expect(await authenticateApiToken(database.db, revoked.token, { ip: null })).toBeNull();
    expect(await authenticateApiToken(database.db, `wgui_${"x".repeat(43)}`, { ip: null })).toBeNull();
    expect(await authenticateApiToken(database.db, "wgui_' OR 1=1 --", { ip: null })).toBeNull();

    const disabled = await create(other);
    await database.db.user.update({ where: { id: other.id }, data: { isDisabled: true } });
    expect(await authenticateApiToken(database.db, disabled.token, { ip: null })).toBeNull();
  });

  it("audits use once an hour per token and address, checked in the database too (another process, a restart)", async () => {
    const { token, apiToken } = await create(owner);
    const base = Date.now() - 2 * USE_AUDIT_INTERVAL_MS;
    await authenticateApiToken(database.db, token, { ip: "192.0.2.1", now: new Date(base) });
    await authenticateApiToken(database.db, token, { ip: "192.0.2.1", now: new Date(base + 60_000) });
    await authenticateApiToken(database.db, token, { ip: "192.0.2.2", now: new Date(base + 60_000) });
    // Those happened two hours ago, as far as the database knows.
    await database.db.auditEvent.updateMany({ where: { action: "api_token.used", targetId: apiToken.id }, data: { createdAt: new Date(base) } });
    // Another process audited the third address just now: this one has not seen it, the database has.
    await database.db.auditEvent.create({ data: { action: "api_token.used", targetId: apiToken.id, ip: "192.0.2.3", actorUserId: owner.id } });
    await authenticateApiToken(database.db, token, { ip: "192.0.2.3" });
    // An hour later the first address is audited again.
    await authenticateApiToken(database.db, token, { ip: "192.0.2.1" });
    const uses = await database.db.auditEvent.findMany({ where: { action: "api_token.used", targetId: apiToken.id }, orderBy: { id: "asc" }, select: { ip: true } });
    expect(uses.map((use) => use.ip)).toEqual(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.1"]);
  });
});
