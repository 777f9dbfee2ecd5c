// Turns an identity a provider vouched for into a WireGUI user: by connection, else by email (first
// sign-in, only where the provider links by email and only onto an account the email alone protects),
// else a new unprivileged user if the provider auto-creates. A provider can also demand that the IdP
// reports multi-factor authentication. Every refusal is audited with its reason; the person only sees
// a generic message for their case.
import type { Db } from "../db/client";
import { canLinkSsoByEmail } from "../auth/permissions";
import { recordAuditEvent } from "../db/audit";
import { findConnection, hasRevokedConnection, recordConnectionError, type ProviderKind } from "../db/sso";
import { findSignInFactors, findUserByEmail, findUserById, principalSelect, recordSignIn, type UserPrincipal } from "../db/users";
import { createLogger, errorMessage, type Logger } from "../log";
import type { AuthnEvidence } from "./mfa-policy";
import { signInMethod } from "./urls";
import { EMAIL_MAX_LENGTH, USER_NAME_MAX_LENGTH } from "../validation/limits";

const defaultLog = createLogger("sso");

export interface SsoProviderRef {
  kind: ProviderKind;
  id: string;
  slug: string;
  label: string;
  autoCreateUsers: boolean;
  /** A first sign-in may join an existing (passwordless, unprivileged) user with the same email. */
  linkByEmail: boolean;
  /** Refuse identities whose authentication the IdP does not report as multi-factor. */
  requireMfa: boolean;
}

/** The policy fields of a provider row, as resolveSsoSignIn needs them. */
export function ssoProviderRef(kind: ProviderKind, row: Omit<SsoProviderRef, "kind">): SsoProviderRef {
  return { kind, id: row.id, slug: row.slug, label: row.label, autoCreateUsers: row.autoCreateUsers, linkByEmail: row.linkByEmail, requireMfa: row.requireMfa };
}

export interface SsoIdentity {
  subject: string;
  email: string | null;
  name: string | null;
  /** How the IdP says the person authenticated; checked when the provider requires MFA. */
  authn?: AuthnEvidence;
}

/** What the sign-in page says; the detailed reason goes to the log and the audit log. */
export const SSO_REFUSAL_MESSAGES = {
  unknown_user: "There is no WireGUI account for you yet. Ask an administrator to create one.",
  disabled: "Your WireGUI account is disabled. Ask an administrator to enable it.",
  disconnected: "This sign-in was disconnected from its WireGUI account. Sign in another way and connect it again from your account page.",
  taken: "This identity is already connected to another WireGUI account.",
  no_email: "The identity provider did not send a verified email address, so no WireGUI account could be matched.",
  link_refused: "This sign-in cannot be joined to an existing WireGUI account automatically. Sign in another way and connect it from your account page.",
  mfa_required: "This sign-in needs multi-factor authentication at your identity provider, and it did not report any. Sign in there with a second factor and try again.",
  failed: "Single sign-on failed. Try again, or ask an administrator to check the logs.",
} as const;

export type SsoRefusalCode = keyof typeof SSO_REFUSAL_MESSAGES;

/** Machine-readable reasons of the policy refusals, recorded as `reasonCode` in the audit log. */
export type SsoPolicyReason = "email_link_disabled" | "email_link_privileged_account" | "mfa_not_reported";

export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoRefusalCode,
    readonly reason: string,
    readonly reasonCode?: SsoPolicyReason,
  ) {
    super(reason);
    this.name = "SsoRefusal";
  }
}

export interface SsoSignInContext {
  ip: string | null;
  /** Set when a signed-in user connects this provider from their account page. */
  linkUserId?: string | null;
  log?: Logger;
}

export async function resolveSsoSignIn(db: Db, provider: SsoProviderRef, identity: SsoIdentity, context: SsoSignInContext): Promise<UserPrincipal> {
  const method = signInMethod(provider.kind, provider.slug);
  const normalized = identity.email?.trim().toLowerCase() || null;
  // The users table holds at most 254 characters (RFC 5321): a longer claim cannot be anyone's
  // email here, so it matches nobody and creates nobody. A long display name is only cut.
  const email = normalized && normalized.length <= EMAIL_MAX_LENGTH ? normalized : null;
  const name = identity.name?.slice(0, USER_NAME_MAX_LENGTH) ?? null;
  let connectionId: string | null = null;
  try {
    if (provider.requireMfa && !identity.authn?.isMultiFactor) {
      throw new SsoRefusal("mfa_required", `the identity provider did not report multi-factor authentication (${identity.authn?.reported ?? "nothing reported"})`, "mfa_not_reported");
    }
    const resolved = await resolveUser(db, provider, { ...identity, email, name }, context.linkUserId ?? null);
    connectionId = resolved.connectionId;
    const user = resolved.user;
    if (user.isDisabled) throw new SsoRefusal("disabled", `user ${user.email} is disabled`);
    await db.ssoConnection.update({
      where: { id: connectionId },
      data: { status: "active", email, lastUsedAt: new Date(), lastError: null, lastErrorAt: null },
    });
    await recordSignIn(db, user.id, method);
    await recordAuditEvent(db, {
      actor: { id: user.id, email: user.email },
      action: context.linkUserId ? "sso.connected" : "auth.sign_in",
      ip: context.ip,
      details: { method, subject: identity.subject },
    });
    return user;
  } catch (error) {
    const refusal = error instanceof SsoRefusal ? error : new SsoRefusal("failed", errorMessage(error));
    (context.log ?? defaultLog).warn(`${method} sign-in refused: ${refusal.reason}`);
    if (connectionId) await recordConnectionError(db, connectionId, SSO_REFUSAL_MESSAGES[refusal.code]);
    await recordAuditEvent(db, {
      actor: null,
      action: "auth.sso_refused",
      ip: context.ip,
      details: { method, reason: refusal.reason, ...(refusal.reasonCode && { reasonCode: refusal.reasonCode }), subject: identity.subject, email },
    });
    throw refusal;
  }
}

async function resolveUser(db: Db, provider: SsoProviderRef, identity: SsoIdentity, linkUserId: string | null): Promise<{ user: UserPrincipal; connectionId: string }> {
  const existing = await findConnection(db, provider.kind, provider.id, identity.subject);
  const names = { providerKind: provider.kind, providerSlug: provider.slug, providerLabel: provider.label };
  const providerColumn = provider.kind === "oidc" ? { oidcProviderId: provider.id } : { samlProviderId: provider.id };

  if (linkUserId) {
    const user = await findUserById(db, linkUserId);
    if (!user) throw new SsoRefusal("failed", "the account to connect no longer exists");
    if (existing && existing.userId !== linkUserId && existing.status === "active") {
      throw new SsoRefusal("taken", `subject ${identity.subject} is already connected to another account`);
    }
    if (existing) {
      await db.ssoConnection.update({ where: { id: existing.id }, data: { userId: linkUserId, status: "active", ...names } });
      return { user, connectionId: existing.id };
    }
    const created = await db.ssoConnection.create({ data: { userId: linkUserId, subject: identity.subject, email: identity.email, ...names, ...providerColumn }, select: { id: true } });
    return { user, connectionId: created.id };
  }

  if (existing) {
    const user = await findUserById(db, existing.userId);
    if (!user) throw new SsoRefusal("failed", "the connected account no longer exists");
    if (existing.status === "revoked") throw new SsoRefusal("disconnected", `subject ${identity.subject} was disconnected from ${user.email}`);
    return { user, connectionId: existing.id };
  }

  if (!identity.email) throw new SsoRefusal("no_email", `no (verified) email for subject ${identity.subject}`);
  const byEmail = await findUserByEmail(db, identity.email);
  if (byEmail) {
    // A user who disconnected this provider must connect it again deliberately.
    if (await hasRevokedConnection(db, provider.kind, provider.id, byEmail.id)) {
      throw new SsoRefusal("disconnected", `${byEmail.email} disconnected this provider`);
    }
    if (!provider.linkByEmail) {
      throw new SsoRefusal("link_refused", `${byEmail.email} exists and the provider does not link accounts by email`, "email_link_disabled");
    }
    if (!canLinkSsoByEmail({ role: byEmail.role, ...(await findSignInFactors(db, byEmail.id)) })) {
      throw new SsoRefusal("link_refused", `${byEmail.email} is an administrator or has a password or an authenticator: it connects identities only from its account page`, "email_link_privileged_account");
    }
    const created = await db.ssoConnection.create({ data: { userId: byEmail.id, subject: identity.subject, email: identity.email, ...names, ...providerColumn }, select: { id: true } });
    return { user: byEmail, connectionId: created.id };
  }
  if (!provider.autoCreateUsers) throw new SsoRefusal("unknown_user", `no user with email ${identity.email} and the provider does not create users`);

  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: identity.email!, name: identity.name, role: "unprivileged" }, select: principalSelect });
    const created = await tx.ssoConnection.create({ data: { userId: user.id, subject: identity.subject, email: identity.email, ...names, ...providerColumn }, select: { id: true } });
    await recordAuditEvent(tx, { actor: null, action: "user.created", targetType: "user", targetId: user.id, details: { email: user.email, role: "unprivileged", via: signInMethod(provider.kind, provider.slug) } });
    return { user, connectionId: created.id };
  });
}
