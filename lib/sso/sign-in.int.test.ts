import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { SecretBox } from "../crypto/secret-box";
import { createUser } from "../db/users";
import { DEFAULT_OIDC_MFA_ACR, DEFAULT_OIDC_MFA_AMR } from "./mfa-policy";
import { oidcIdentity } from "./oidc-identity";
import type { Logger } from "../log";
import { resolveSsoSignIn, SSO_REFUSAL_MESSAGES, SsoRefusal, type SsoIdentity, type SsoPolicyReason, type SsoProviderRef, type SsoRefusalCode } from "./sign-in";

const IP = "203.0.113.9";
const secretBox = new SecretBox("sign-in-integration-test-secret-0123456789");

let database: TestDatabase;
let provider: SsoProviderRef;
let logs: { level: keyof Logger; message: string }[];
let log: Logger;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  const row = await database.db.oidcProvider.create({
    data: { slug: "corp", label: "Corp SSO", clientId: "wiregui", clientSecretEncrypted: secretBox.seal("secret"), discoveryUrl: "https://idp.test/.well-known/openid-configuration" },
  });
  // Links by email unless a test says otherwise, so the matching rules can be tested on their own.
  provider = { kind: "oidc", id: row.id, slug: row.slug, label: row.label, autoCreateUsers: false, linkByEmail: true, requireMfa: false };
  logs = [];
  log = {
    info: (message) => logs.push({ level: "info", message }),
    warn: (message) => logs.push({ level: "warn", message }),
    error: (message) => logs.push({ level: "error", message }),
  };
});
afterEach(() => database.drop());

const alice: SsoIdentity = { subject: "alice-sub", email: "alice@example.com", name: "Alice" };

function signIn(identity: SsoIdentity, options: { provider?: SsoProviderRef; linkUserId?: string } = {}) {
  return resolveSsoSignIn(database.db, options.provider ?? provider, identity, { ip: IP, linkUserId: options.linkUserId, log });
}

/** The only kind of account a new identity may join by email: unprivileged, no password, no authenticator. */
const createAlice = () => createUser(database.db, { email: "alice@example.com", passwordHash: null, role: "unprivileged" });

/** Refused with `code`; the reason is in the log and in the audit log, and nobody signed in. */
async function expectRefused(attempt: Promise<unknown>, code: SsoRefusalCode, reason: string | RegExp, reasonCode?: SsoPolicyReason) {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SsoRefusal);
  const refusal = error as SsoRefusal;
  expect(refusal.code).toBe(code);
  expect(refusal.reason).toMatch(reason);
  expect(logs).toContainEqual({ level: "warn", message: `oidc:corp sign-in refused: ${refusal.reason}` });
  const audits = await database.db.auditEvent.findMany({ where: { action: "auth.sso_refused" }, orderBy: { id: "asc" } });
  expect(audits.at(-1)).toMatchObject({ actorUserId: null, ip: IP, details: expect.objectContaining({ method: "oidc:corp", reason: refusal.reason }) as unknown });
  expect(refusal.reasonCode).toBe(reasonCode);
  expect((audits.at(-1)!.details as { reasonCode?: string }).reasonCode).toBe(reasonCode);
  expect(await database.db.auditEvent.count({ where: { action: { in: ["auth.sign_in", "sso.connected"] } } })).toBe(0);
  return refusal;
}

/** Revokes the connection as disconnecting does. */
const revoke = (subject: string) => database.db.ssoConnection.updateMany({ where: { subject }, data: { status: "revoked" } });

describe("resolveSsoSignIn", () => {
  it("matches an existing user by email whatever its case, connects the identity and records the sign-in", async () => {
    const user = await createAlice();
    const signedIn = await signIn({ ...alice, email: "  Alice@Example.COM " });

    expect(signedIn).toMatchObject({ id: user.id, email: "alice@example.com", role: "unprivileged" });
    const connections = await database.db.ssoConnection.findMany();
    expect(connections).toEqual([
      expect.objectContaining({ userId: user.id, oidcProviderId: provider.id, samlProviderId: null, subject: "alice-sub", email: "alice@example.com", status: "active", providerKind: "oidc", providerSlug: "corp", providerLabel: "Corp SSO" }),
    ]);
    expect(connections[0]!.lastUsedAt).toBeInstanceOf(Date);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastSignInMethod).toBe("oidc:corp");
    expect(stored.lastSignInAt).toBeInstanceOf(Date);
    expect(await database.db.auditEvent.findMany({ where: { action: "auth.sign_in" } })).toEqual([
      expect.objectContaining({ actorUserId: user.id, actorEmail: "alice@example.com", ip: IP, details: { method: "oidc:corp", subject: "alice-sub" } }),
    ]);
  });

  it("matches later sign-ins by subject, even when the email changed to someone else's", async () => {
    const user = await createAlice();
    await createUser(database.db, { email: "bob@example.com", passwordHash: null, role: "unprivileged" });
    await signIn(alice);

    const again = await signIn({ ...alice, email: "bob@example.com" });

    expect(again.id).toBe(user.id);
    expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: user.id, subject: "alice-sub", email: "bob@example.com" })]);
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in", actorUserId: user.id } })).toBe(2);
  });

  it("refuses an unknown user when the provider does not create users, creating nothing", async () => {
    await expectRefused(signIn(alice), "unknown_user", "no user with email alice@example.com and the provider does not create users");
    expect(await database.db.user.count()).toBe(0);
    expect(await database.db.ssoConnection.count()).toBe(0);
    const [refused] = await database.db.auditEvent.findMany({ where: { action: "auth.sso_refused" } });
    expect(refused!.details).toEqual({ method: "oidc:corp", reason: "no user with email alice@example.com and the provider does not create users", subject: "alice-sub", email: "alice@example.com" });
  });

  it("creates an unknown user as unprivileged and without a password when the provider creates users", async () => {
    const signedIn = await signIn({ ...alice, email: "Alice@Example.com" }, { provider: { ...provider, autoCreateUsers: true } });

    const user = await database.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" }, omit: { passwordHash: false } });
    expect(signedIn.id).toBe(user.id);
    expect(user).toMatchObject({ name: "Alice", role: "unprivileged", passwordHash: null, isDisabled: false, lastSignInMethod: "oidc:corp" });
    expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: user.id, subject: "alice-sub", status: "active" })]);
    expect(await database.db.auditEvent.findFirstOrThrow({ where: { action: "user.created" } })).toMatchObject({ targetId: user.id, details: { email: "alice@example.com", role: "unprivileged", via: "oidc:corp" } });
    expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in", actorUserId: user.id } })).toBe(1);
  });

  it("cuts a display name to the 200 characters the users table holds", async () => {
    await signIn({ ...alice, name: "A".repeat(300) }, { provider: { ...provider, autoCreateUsers: true } });
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } })).name).toBe("A".repeat(200));
  });

  it("takes an email over 254 characters for none: it matches and creates nobody", async () => {
    const longEmail = `${"b".repeat(64)}@${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(54)}.example`;
    await expectRefused(signIn({ subject: "bob-sub", email: longEmail, name: "Bob" }, { provider: { ...provider, autoCreateUsers: true } }), "no_email", /email for subject bob-sub$/);
    expect(await database.db.user.count()).toBe(0);
  });

  it("refuses a disabled user and records the error on the connection", async () => {
    const user = await createAlice();
    await database.db.user.update({ where: { id: user.id }, data: { isDisabled: true } });

    await expectRefused(signIn(alice), "disabled", "user alice@example.com is disabled");

    const connection = await database.db.ssoConnection.findFirstOrThrow({ where: { subject: "alice-sub" } });
    expect(connection).toMatchObject({ userId: user.id, lastError: SSO_REFUSAL_MESSAGES.disabled, lastUsedAt: null });
    expect(connection.lastErrorAt).toBeInstanceOf(Date);
    expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInMethod).toBeNull();
  });

  it("refuses an identity without an email", async () => {
    await createAlice();
    await expectRefused(signIn({ ...alice, email: null }, { provider: { ...provider, autoCreateUsers: true } }), "no_email", /email for subject alice-sub$/);
    await expectRefused(signIn({ ...alice, email: "   " }, { provider: { ...provider, autoCreateUsers: true } }), "no_email", /email for subject alice-sub$/);
    expect(await database.db.user.count()).toBe(1);
    expect(await database.db.ssoConnection.count()).toBe(0);
  });

  it("refuses an identity that was disconnected", async () => {
    await createAlice();
    await signIn(alice);
    await database.db.auditEvent.deleteMany();
    await revoke("alice-sub");

    await expectRefused(signIn(alice), "disconnected", "subject alice-sub was disconnected from alice@example.com");
    expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ subject: "alice-sub", status: "revoked" })]);
  });

  it("does not match by email a user who disconnected this provider under another subject", async () => {
    const user = await createAlice();
    await signIn(alice);
    await database.db.auditEvent.deleteMany();
    await revoke("alice-sub");

    await expectRefused(signIn({ ...alice, subject: "alice-new-sub" }), "disconnected", "alice@example.com disconnected this provider");
    expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: user.id, subject: "alice-sub", status: "revoked" })]);
  });

  describe("linking a new identity by email", () => {
    const noConnectionNorSignIn = async () => {
      expect(await database.db.ssoConnection.count()).toBe(0);
      expect((await database.db.user.findUniqueOrThrow({ where: { email: "alice@example.com" } })).lastSignInMethod).toBeNull();
    };

    it("is refused when the provider does not link by email (the default), even for a passwordless user", async () => {
      await createAlice();
      const refusal = await expectRefused(
        signIn(alice, { provider: { ...provider, linkByEmail: false, autoCreateUsers: true } }),
        "link_refused",
        "alice@example.com exists and the provider does not link accounts by email",
        "email_link_disabled",
      );
      expect(SSO_REFUSAL_MESSAGES[refusal.code]).toMatch(/^This sign-in cannot be joined to an existing WireGUI account automatically/);
      await noConnectionNorSignIn();
      expect(await database.db.user.count()).toBe(1);
    });

    it.each([
      { account: "an administrator without a password", create: () => createUser(database.db, { email: "alice@example.com", passwordHash: null, role: "admin" }) },
      { account: "a user with a password", create: () => createUser(database.db, { email: "alice@example.com", passwordHash: "$2b$12$hash", role: "unprivileged" }) },
      {
        account: "a passwordless user with an authenticator",
        create: async () => {
          const user = await createAlice();
          await database.db.mfaMethod.create({ data: { userId: user.id, type: "totp", name: "Phone", secretEncrypted: secretBox.seal("JBSWY3DPEHPK3PXP") } });
          return user;
        },
      },
      {
        account: "an administrator with a password and an authenticator",
        create: async () => {
          const user = await createUser(database.db, { email: "alice@example.com", passwordHash: "$2b$12$hash", role: "admin" });
          await database.db.mfaMethod.create({ data: { userId: user.id, type: "totp", name: "Phone", secretEncrypted: secretBox.seal("JBSWY3DPEHPK3PXP") } });
          return user;
        },
      },
    ])("is refused onto $account, even when the provider links by email", async ({ create }) => {
      await create();
      await expectRefused(
        signIn({ ...alice, subject: "someone-else" }),
        "link_refused",
        "alice@example.com is an administrator or has a password or an authenticator: it connects identities only from its account page",
        "email_link_privileged_account",
      );
      await noConnectionNorSignIn();
    });

    it("still lets that account connect the identity from its account page", async () => {
      const admin = await createUser(database.db, { email: "alice@example.com", passwordHash: "$2b$12$hash", role: "admin" });
      await signIn(alice, { provider: { ...provider, linkByEmail: false }, linkUserId: admin.id });
      expect((await signIn(alice, { provider: { ...provider, linkByEmail: false } })).id).toBe(admin.id);
    });
  });

  describe("requiring multi-factor authentication at the IdP", () => {
    const strict = () => ({ ...provider, requireMfa: true, autoCreateUsers: true });
    const policy = { mfaAmrValues: [...DEFAULT_OIDC_MFA_AMR], mfaAcrValues: [...DEFAULT_OIDC_MFA_ACR] };
    const fromToken = (claims: Record<string, unknown>) => oidcIdentity("alice-sub", { email: "alice@example.com", email_verified: true, name: "Alice", ...claims }, policy);

    it.each([
      { reported: "nothing", claims: {}, reason: "amr=(none) acr=(none)" },
      { reported: "a password only", claims: { amr: ["pwd"], acr: "0" }, reason: "amr=pwd acr=0" },
      { reported: "an acr that is not listed", claims: { acr: "urn:mace:incommon:iap:silver" }, reason: "amr=(none) acr=urn:mace:incommon:iap:silver" },
    ])("refuses an ID token that reports $reported, before any account is matched or created", async ({ claims, reason }) => {
      await createAlice();
      await expectRefused(signIn(fromToken(claims), { provider: strict() }), "mfa_required", `the identity provider did not report multi-factor authentication (${reason})`, "mfa_not_reported");
      await expect(signIn(fromToken(claims), { provider: strict(), linkUserId: (await database.db.user.findFirstOrThrow()).id })).rejects.toMatchObject({ reasonCode: "mfa_not_reported" });
      expect(await database.db.ssoConnection.count()).toBe(0);
      expect(await database.db.user.count()).toBe(1);
    });

    it("refuses an identity without any authentication evidence", async () => {
      await expectRefused(signIn(alice, { provider: strict() }), "mfa_required", /did not report multi-factor authentication \(nothing reported\)$/, "mfa_not_reported");
      expect(await database.db.user.count()).toBe(0);
    });

    it.each([
      { reported: "amr with otp", claims: { amr: ["pwd", "otp"] } },
      { reported: "amr mfa", claims: { amr: ["mfa"] } },
      { reported: "the PAPE multi-factor acr", claims: { acr: "http://schemas.openid.net/pape/policies/2007/06/multi-factor" } },
    ])("accepts an ID token that reports $reported", async ({ claims }) => {
      const user = await signIn(fromToken(claims), { provider: strict() });
      expect(user.email).toBe("alice@example.com");
      expect(await database.db.auditEvent.count({ where: { action: "auth.sign_in", actorUserId: user.id } })).toBe(1);
    });

    it("does not care about amr or acr when the provider does not require MFA", async () => {
      expect((await signIn(fromToken({ amr: ["pwd"] }), { provider: { ...provider, autoCreateUsers: true } })).email).toBe("alice@example.com");
    });

    it("reads no email from an ID token that does not say it verified it", async () => {
      await createAlice();
      await expectRefused(signIn(fromToken({ email_verified: false, amr: ["otp"] }), { provider: strict() }), "no_email", /email for subject alice-sub$/);
    });
  });

  describe("connecting from the account page (link mode)", () => {
    it("connects the identity to the signed-in user whatever its email", async () => {
      const user = await createAlice();
      const signedIn = await signIn({ subject: "a-7", email: "a.person@elsewhere.example", name: null }, { linkUserId: user.id });

      expect(signedIn.id).toBe(user.id);
      expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: user.id, subject: "a-7", email: "a.person@elsewhere.example", status: "active" })]);
      expect(await database.db.auditEvent.findMany({ where: { action: "sso.connected" } })).toEqual([
        expect.objectContaining({ actorUserId: user.id, ip: IP, details: { method: "oidc:corp", subject: "a-7" } }),
      ]);
      expect(await database.db.user.count()).toBe(1);
    });

    it("re-activates a disconnected identity", async () => {
      const user = await createAlice();
      await signIn(alice);
      await revoke("alice-sub");
      const [revoked] = await database.db.ssoConnection.findMany();

      await signIn(alice, { linkUserId: user.id });

      expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ id: revoked!.id, userId: user.id, status: "active" })]);
      expect((await signIn(alice)).id).toBe(user.id);
    });

    it("refuses an identity actively connected to another user", async () => {
      const bob = await createUser(database.db, { email: "bob@example.com", passwordHash: null, role: "unprivileged" });
      const user = await createAlice();
      await signIn({ subject: "shared-sub", email: "bob@example.com", name: null });
      await database.db.auditEvent.deleteMany();

      await expectRefused(signIn({ ...alice, subject: "shared-sub" }, { linkUserId: user.id }), "taken", "subject shared-sub is already connected to another account");
      expect(await database.db.ssoConnection.findMany()).toEqual([expect.objectContaining({ userId: bob.id, subject: "shared-sub", status: "active" })]);
    });
  });
});
