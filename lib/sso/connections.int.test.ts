import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration, updateConfiguration } from "../db/configuration";
import { createUser, type UserPrincipal } from "../db/users";
import { NotFoundError, ValidationError } from "../server/errors";
import { disconnectConnection, listConnections } from "./connections";
import { resolveSsoSignIn, SSO_REFUSAL_MESSAGES, type SsoProviderRef } from "./sign-in";

const IP = "203.0.113.10";
const secretBox = new SecretBox("connections-integration-test-secret-0123456789");
const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
});
afterEach(() => database.drop());

async function createProvider(slug: string, label: string, isEnabled = true): Promise<SsoProviderRef> {
  const row = await database.db.oidcProvider.create({
    data: { slug, label, isEnabled, clientId: "wiregui", clientSecretEncrypted: secretBox.seal("secret"), discoveryUrl: `https://${slug}.test/.well-known/openid-configuration` },
  });
  return { kind: "oidc", id: row.id, slug, label, autoCreateUsers: false, linkByEmail: true, requireMfa: false };
}

const createPerson = (email: string, passwordHash: string | null = null) => createUser(database.db, { email, passwordHash, role: "unprivileged" });

/**
 * Goes through `provider` for real: the first time as the Connect button does (any account, password
 * or not), later as a sign-in by the connected subject.
 */
async function signInThrough(provider: SsoProviderRef, user: UserPrincipal, subject = `${user.email}@${provider.slug}`) {
  const isConnected = (await database.db.ssoConnection.count({ where: { oidcProviderId: provider.id, subject } })) > 0;
  await resolveSsoSignIn(database.db, provider, { subject, email: user.email, name: null }, { ip: IP, log: silentLog, linkUserId: isConnected ? null : user.id });
  return database.db.ssoConnection.findFirstOrThrow({ where: { oidcProviderId: provider.id, subject } });
}

/** A sign-in refused (the user is disabled meanwhile) a minute after the last successful one. */
async function failSignInThrough(provider: SsoProviderRef, user: UserPrincipal) {
  await database.db.ssoConnection.updateMany({ where: { userId: user.id, oidcProviderId: provider.id }, data: { lastUsedAt: new Date(Date.now() - 60_000) } });
  await database.db.user.update({ where: { id: user.id }, data: { isDisabled: true } });
  await expect(signInThrough(provider, user)).rejects.toMatchObject({ code: "disabled" });
  await database.db.user.update({ where: { id: user.id }, data: { isDisabled: false } });
}

const asSelf = (user: UserPrincipal) => ({ id: user.id, email: user.email });

describe("listConnections", () => {
  it("shows each connection's status: active, provider disabled, provider removed, error", async () => {
    const user = await createPerson("alice@example.com");
    const [working, disabled, removed, failing] = await Promise.all([
      createProvider("working", "Working SSO"),
      createProvider("disabled", "Disabled SSO"),
      createProvider("removed", "Removed SSO"),
      createProvider("failing", "Failing SSO"),
    ]);
    for (const provider of [working, disabled, removed, failing]) await signInThrough(provider, user);
    await database.db.oidcProvider.update({ where: { id: disabled.id }, data: { isEnabled: false } });
    await database.db.oidcProvider.delete({ where: { id: removed.id } });
    await failSignInThrough(failing, user);

    const views = await listConnections(database.db, user.id);

    expect(Object.fromEntries(views.map((view) => [view.providerLabel, view.status.kind]))).toEqual({
      "Working SSO": "active",
      "Disabled SSO": "provider_disabled",
      "Removed SSO": "provider_removed",
      "Failing SSO": "error",
    });
    const view = (label: string) => views.find((candidate) => candidate.providerLabel === label);
    expect(view("Failing SSO")!.status).toEqual({ kind: "error", message: SSO_REFUSAL_MESSAGES.disabled, at: expect.any(Date) as unknown });
    expect(view("Working SSO")).toMatchObject({ providerKind: "oidc", subject: "alice@example.com@working", email: "alice@example.com", lastUsedAt: expect.any(Date) as unknown });
  });

  it("clears an error with the next successful sign-in", async () => {
    const user = await createPerson("alice@example.com");
    const provider = await createProvider("corp", "Corp SSO");
    await signInThrough(provider, user);
    await failSignInThrough(provider, user);
    expect((await listConnections(database.db, user.id))[0]!.status.kind).toBe("error");

    await signInThrough(provider, user);

    expect((await listConnections(database.db, user.id))[0]!.status).toEqual({ kind: "active" });
    expect(await database.db.ssoConnection.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ lastError: null, lastErrorAt: null });
  });

  it("shows a provider's current label, and only the user's own active connections", async () => {
    const [alice, bob] = await Promise.all([createPerson("alice@example.com"), createPerson("bob@example.com")]);
    const provider = await createProvider("corp", "Corp SSO");
    await signInThrough(provider, alice);
    await signInThrough(provider, bob);
    await database.db.oidcProvider.update({ where: { id: provider.id }, data: { label: "Corp SSO (new)" } });

    expect((await listConnections(database.db, alice.id)).map((view) => [view.providerLabel, view.subject])).toEqual([["Corp SSO (new)", "alice@example.com@corp"]]);
  });
});

describe("disconnectConnection", () => {
  it("marks the connection revoked, hides it from the list and audits it", async () => {
    const user = await createPerson("alice@example.com", "password-hash");
    const provider = await createProvider("corp", "Corp SSO");
    const connection = await signInThrough(provider, user);

    await disconnectConnection(database.db, { connectionId: connection.id, userId: user.id, actor: asSelf(user), ip: IP });

    expect(await database.db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ status: "revoked" });
    expect(await listConnections(database.db, user.id)).toEqual([]);
    expect(await database.db.auditEvent.findMany({ where: { action: "sso.disconnected" } })).toEqual([
      expect.objectContaining({ actorUserId: user.id, targetType: "user", targetId: user.id, ip: IP, details: { method: "oidc:corp", subject: "alice@example.com@corp" } }),
    ]);
  });

  it("allows disconnecting when another working connection is left", async () => {
    const user = await createPerson("alice@example.com");
    const [first, second] = await Promise.all([createProvider("first", "First SSO"), createProvider("second", "Second SSO")]);
    const connection = await signInThrough(first, user);
    await signInThrough(second, user);

    await disconnectConnection(database.db, { connectionId: connection.id, userId: user.id, actor: asSelf(user) });

    expect((await listConnections(database.db, user.id)).map((view) => view.providerLabel)).toEqual(["Second SSO"]);
  });

  it.each([
    { case: "the user has no password", passwordHash: null, isLocalAuthEnabled: true, other: null },
    { case: "password sign-in is off", passwordHash: "password-hash", isLocalAuthEnabled: false, other: null },
    { case: "the other connection's provider is disabled", passwordHash: null, isLocalAuthEnabled: true, other: "disabled" },
    { case: "the other connection's provider was removed", passwordHash: null, isLocalAuthEnabled: true, other: "removed" },
  ] as const)("refuses to disconnect the last way to sign in when $case", async ({ passwordHash, isLocalAuthEnabled, other }) => {
    const user = await createPerson("alice@example.com", passwordHash);
    const provider = await createProvider("corp", "Corp SSO");
    const connection = await signInThrough(provider, user);
    if (other) {
      const otherProvider = await createProvider("other", "Other SSO");
      await signInThrough(otherProvider, user);
      if (other === "disabled") await database.db.oidcProvider.update({ where: { id: otherProvider.id }, data: { isEnabled: false } });
      else await database.db.oidcProvider.delete({ where: { id: otherProvider.id } });
    }
    await updateConfiguration(database.db, { isLocalAuthEnabled });

    const error = await disconnectConnection(database.db, { connectionId: connection.id, userId: user.id, actor: asSelf(user) }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^This is your last way to sign in\./);
    expect(await database.db.ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ status: "active" });
    expect(await database.db.auditEvent.count({ where: { action: "sso.disconnected" } })).toBe(0);
  });

  it("tells an administrator that it is the user's last way, not theirs", async () => {
    const user = await createPerson("alice@example.com");
    const admin = await createUser(database.db, { email: "admin@example.com", passwordHash: "hash", role: "admin" });
    const connection = await signInThrough(await createProvider("corp", "Corp SSO"), user);
    await expect(disconnectConnection(database.db, { connectionId: connection.id, userId: user.id, actor: asSelf(admin) })).rejects.toThrow(/^This is this user's last way to sign in\./);
  });

  it("says another user's connection, or one already disconnected, was not found", async () => {
    const [alice, bob] = await Promise.all([createPerson("alice@example.com", "hash"), createPerson("bob@example.com", "hash")]);
    const provider = await createProvider("corp", "Corp SSO");
    const bobs = await signInThrough(provider, bob);
    const alices = await signInThrough(provider, alice);

    await expect(disconnectConnection(database.db, { connectionId: bobs.id, userId: alice.id, actor: asSelf(alice) })).rejects.toBeInstanceOf(NotFoundError);
    expect(await database.db.ssoConnection.findUniqueOrThrow({ where: { id: bobs.id } })).toMatchObject({ status: "active", userId: bob.id });

    await disconnectConnection(database.db, { connectionId: alices.id, userId: alice.id, actor: asSelf(alice) });
    await expect(disconnectConnection(database.db, { connectionId: alices.id, userId: alice.id, actor: asSelf(alice) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets only one of two parallel disconnects of a user's last two connections through", async () => {
    const user = await createPerson("alice@example.com");
    const [first, second] = await Promise.all([createProvider("first", "First SSO"), createProvider("second", "Second SSO")]);
    const connections = [await signInThrough(first, user), await signInThrough(second, user)];

    const results = await Promise.allSettled(connections.map((connection) => disconnectConnection(database.db, { connectionId: connection.id, userId: user.id, actor: asSelf(user) })));

    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    expect(await listConnections(database.db, user.id)).toHaveLength(1);
  });
});
