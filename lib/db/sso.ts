// SSO queries: providers, connections, pending SAML requests, consumed assertions and sign-in tickets.
import type { Db, DbClient } from "./client";

export type ProviderKind = "oidc" | "saml";

export function listOidcProviders(db: Db) {
  return db.oidcProvider.findMany({ orderBy: { label: "asc" } });
}

export function listSamlProviders(db: Db) {
  return db.samlProvider.findMany({ orderBy: { label: "asc" } });
}

export function findEnabledOidcProvidersWithSecrets(db: Db) {
  return db.oidcProvider.findMany({ where: { isEnabled: true }, omit: { clientSecretEncrypted: false }, orderBy: { label: "asc" } });
}

export function findSamlProviderBySlug(db: Db, slug: string) {
  return db.samlProvider.findUnique({ where: { slug }, omit: { spPrivateKeyEncrypted: false } });
}

export function findOidcProviderBySlug(db: Db, slug: string) {
  return db.oidcProvider.findUnique({ where: { slug } });
}

/** The buttons of the sign-in page: enabled providers only, no secrets. */
export async function listEnabledProviders(db: Db) {
  const select = { slug: true, label: true } as const;
  const [oidc, saml] = await Promise.all([
    db.oidcProvider.findMany({ where: { isEnabled: true }, select, orderBy: { label: "asc" } }),
    db.samlProvider.findMany({ where: { isEnabled: true }, select, orderBy: { label: "asc" } }),
  ]);
  return [...oidc.map((p) => ({ ...p, kind: "oidc" as const })), ...saml.map((p) => ({ ...p, kind: "saml" as const }))];
}

export async function takenSlugs(db: Db, kind: ProviderKind): Promise<Set<string>> {
  const rows = kind === "oidc" ? await db.oidcProvider.findMany({ select: { slug: true } }) : await db.samlProvider.findMany({ select: { slug: true } });
  return new Set(rows.map((row) => row.slug));
}

/**
 * Whether an enabled administrator can sign in through an enabled provider (other than `except`):
 * the condition for turning password sign-in off without locking everyone out.
 */
export async function hasWorkingAdminSso(db: DbClient, except?: { kind: ProviderKind; id: string }): Promise<boolean> {
  const count = await db.ssoConnection.count({
    where: {
      status: "active",
      user: { role: "admin", isDisabled: false },
      OR: [
        { oidcProvider: { isEnabled: true, ...(except?.kind === "oidc" && { id: { not: except.id } }) } },
        { samlProvider: { isEnabled: true, ...(except?.kind === "saml" && { id: { not: except.id } }) } },
      ],
    },
  });
  return count > 0;
}

const connectionSelect = {
  id: true,
  providerKind: true,
  providerSlug: true,
  providerLabel: true,
  subject: true,
  email: true,
  lastError: true,
  lastErrorAt: true,
  lastUsedAt: true,
  createdAt: true,
  oidcProvider: { select: { isEnabled: true, label: true } },
  samlProvider: { select: { isEnabled: true, label: true } },
} as const;

/** A user's connected identities; disconnected (revoked) ones are markers, not connections. */
export function listActiveConnections(db: DbClient, userId: string) {
  return db.ssoConnection.findMany({ where: { userId, status: "active" }, select: connectionSelect, orderBy: { createdAt: "asc" } });
}

export type ConnectionRow = Awaited<ReturnType<typeof listActiveConnections>>[number];

export function findConnection(db: Db, kind: ProviderKind, providerId: string, subject: string) {
  return db.ssoConnection.findFirst({
    where: kind === "oidc" ? { oidcProviderId: providerId, subject } : { samlProviderId: providerId, subject },
    select: { id: true, userId: true, status: true },
  });
}

export function hasRevokedConnection(db: Db, kind: ProviderKind, providerId: string, userId: string) {
  return db.ssoConnection
    .count({ where: { userId, status: "revoked", ...(kind === "oidc" ? { oidcProviderId: providerId } : { samlProviderId: providerId }) } })
    .then((count) => count > 0);
}

export function recordConnectionError(db: Db, connectionId: string, message: string) {
  return db.ssoConnection.update({ where: { id: connectionId }, data: { lastError: message, lastErrorAt: new Date() }, select: { id: true } });
}

export async function saveSamlRequest(db: Db, params: { id: string; providerId: string; linkUserId: string | null; callbackPath: string; browserHash: string }) {
  await db.samlRequest.create({ data: params, select: { id: true } });
}

/** Removes a provider's pending request; true only for the one caller that removed it (single use). */
export async function takeSamlRequest(db: Db, id: string, providerId: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`DELETE FROM saml_requests WHERE id = ${id} AND provider_id = ${providerId}::uuid RETURNING id`;
  return rows.length === 1;
}

export function findSamlRequest(db: Db, id: string) {
  return db.samlRequest.findUnique({ where: { id } });
}

/** Records an assertion as used; false when it already was (a replay). */
export async function consumeAssertion(db: Db, providerId: string, assertionId: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO saml_consumed_assertions (provider_id, assertion_id, expires_at)
    VALUES (${providerId}::uuid, ${assertionId}, ${expiresAt})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Old request ids and assertion records go once they could no longer be accepted anyway. */
export async function pruneSamlState(db: Db, requestsBefore: Date, now = new Date()) {
  await db.samlRequest.deleteMany({ where: { createdAt: { lt: requestsBefore } } });
  await db.samlConsumedAssertion.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.ssoTicket.deleteMany({ where: { expiresAt: { lt: now } } });
}
