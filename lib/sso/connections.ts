// A user's SSO connections as the account page shows them, and disconnecting one without taking
// away the user's last way to sign in.
import { withSignInRulesLock, type Db, type DbClient } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { isLocalAuthEnabled } from "../db/configuration";
import { listActiveConnections, type ConnectionRow } from "../db/sso";
import { NotFoundError, ValidationError } from "../server/errors";

export type ConnectionStatus =
  | { kind: "active" }
  | { kind: "provider_disabled" }
  | { kind: "provider_removed" }
  | { kind: "error"; message: string; at: Date };

export interface ConnectionView {
  id: string;
  providerKind: "oidc" | "saml";
  providerLabel: string;
  subject: string;
  email: string | null;
  status: ConnectionStatus;
  lastUsedAt: Date | null;
}

export function connectionStatus(row: ConnectionRow): ConnectionStatus {
  const provider = row.oidcProvider ?? row.samlProvider;
  if (!provider) return { kind: "provider_removed" };
  if (!provider.isEnabled) return { kind: "provider_disabled" };
  // An error only counts until the next successful sign-in.
  if (row.lastError && row.lastErrorAt && (!row.lastUsedAt || row.lastErrorAt > row.lastUsedAt)) return { kind: "error", message: row.lastError, at: row.lastErrorAt };
  return { kind: "active" };
}

export async function listConnections(db: Db, userId: string): Promise<ConnectionView[]> {
  const rows = await listActiveConnections(db, userId);
  return rows.map((row) => ({
    id: row.id,
    providerKind: row.providerKind === "oidc" ? "oidc" : "saml",
    providerLabel: (row.oidcProvider ?? row.samlProvider)?.label ?? row.providerLabel,
    subject: row.subject,
    email: row.email,
    status: connectionStatus(row),
    lastUsedAt: row.lastUsedAt,
  }));
}

/** Ways the user could sign in with tomorrow: a password (while password sign-in is on) and working connections. */
async function remainingSignInWays(db: DbClient, userId: string, exceptConnectionId: string): Promise<number> {
  const [user, localAuth, connections] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }),
    isLocalAuthEnabled(db),
    listActiveConnections(db, userId),
  ]);
  const password = localAuth && user?.passwordHash ? 1 : 0;
  const working = connections.filter((row) => row.id !== exceptConnectionId && connectionStatus(row).kind !== "provider_removed" && connectionStatus(row).kind !== "provider_disabled");
  return password + working.length;
}

/**
 * Disconnecting keeps the row as `revoked`: the next sign-in through this identity is refused
 * instead of being matched to the account again by email.
 */
export async function disconnectConnection(db: Db, params: { connectionId: string; userId: string; actor: { id: string; email: string }; ip?: string | null }) {
  await withSignInRulesLock(db, async (tx) => {
    const row = await tx.ssoConnection.findFirst({
      where: { id: params.connectionId, userId: params.userId, status: "active" },
      select: { id: true, providerKind: true, providerSlug: true, subject: true },
    });
    if (!row) throw new NotFoundError("The connection");
    if ((await remainingSignInWays(tx, params.userId, row.id)) === 0) {
      const whose = params.actor.id === params.userId ? "your" : "this user's";
      throw new ValidationError(`This is ${whose} last way to sign in. Set a password or connect another provider first, or nobody could sign in to the account.`);
    }
    await tx.ssoConnection.update({ where: { id: row.id }, data: { status: "revoked", lastError: null, lastErrorAt: null } });
    await recordAuditEvent(tx, {
      actor: params.actor,
      action: "sso.disconnected",
      targetType: "user",
      targetId: params.userId,
      ip: params.ip,
      details: { method: `${row.providerKind}:${row.providerSlug}`, subject: row.subject },
    });
  });
}
