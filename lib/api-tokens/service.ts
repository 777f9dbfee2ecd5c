// API tokens in the database, without permission checks (callers decide who may do what) and
// without Next.js, so route handlers, pages and tests share them.
import type { Db, DbClient } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { principalSelect, type UserPrincipal } from "../db/users";
import { NotFoundError } from "../server/errors";
import type { CreateApiTokenInput } from "./schemas";
import { expiryFor, tokenStatus } from "./lifetime";
import { generateToken, hashToken, isWellFormedToken } from "./token";

type Actor = { id: string; email: string };

/** lastUsedAt is written at most this often per token: one UPDATE a minute, not one per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Token use reaches the audit log at most once an hour per token and client address. */
export const USE_AUDIT_INTERVAL_MS = 60 * 60_000;

const tokenViewSelect = { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function createApiToken(db: Db, actor: Actor, params: CreateApiTokenInput & { userId: string }, now = new Date()) {
  const { token, tokenHash, prefix } = generateToken();
  const row = await db.apiToken.create({
    data: { userId: params.userId, name: params.name, tokenHash, prefix, expiresAt: expiryFor(params.lifetime, now) },
    select: tokenViewSelect,
  });
  await recordAuditEvent(db, {
    actor,
    action: "api_token.created",
    targetType: "api_token",
    targetId: row.id,
    details: { name: row.name, prefix, ownerId: params.userId, expiresAt: row.expiresAt?.toISOString() ?? null },
  });
  return { token, apiToken: row };
}

/** Every token of a user, newest first, revoked and expired ones included, with their status. */
export async function listApiTokens(db: Db, userId: string, now = new Date()) {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: tokenViewSelect });
  return rows.map((row) => ({ ...row, status: tokenStatus(row, now) }));
}

export type ApiTokenView = Awaited<ReturnType<typeof listApiTokens>>[number];

/** Revokes a token of `userId`; a token of someone else is "not found". Revoking twice is harmless. */
export async function revokeApiToken(db: Db, actor: Actor, params: { tokenId: string; userId: string }) {
  const token = await db.apiToken.findFirst({ where: { id: params.tokenId, userId: params.userId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
  if (!token) throw new NotFoundError("The token");
  if (token.revokedAt) return { id: token.id };
  await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() }, select: { id: true } });
  await recordAuditEvent(db, { actor, action: "api_token.revoked", targetType: "api_token", targetId: token.id, details: { name: token.name, prefix: token.prefix, ownerId: params.userId } });
  return { id: token.id };
}

export type RevokeAllReason = "password_changed" | "password_reset_by_admin" | "password_reset_command_line";

/**
 * A new password ends every token of the user: a token copied by whoever knew the old password
 * must not outlive it. The tokens stay listed as revoked. `actor` is null for the command line.
 */
export async function revokeAllApiTokens(db: DbClient, actor: Actor | null, params: { userId: string; reason: RevokeAllReason }, now = new Date()): Promise<number> {
  const { count } = await db.apiToken.updateMany({ where: { userId: params.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }, data: { revokedAt: now } });
  if (count > 0) {
    await recordAuditEvent(db, { actor, action: "api_token.revoked_all", targetType: "user", targetId: params.userId, details: { reason: params.reason, revoked: count } });
  }
  return count;
}

export interface TokenPrincipal {
  user: UserPrincipal;
  tokenId: string;
}

// Per process: spares the audit-log query on every request. The database check behind it keeps
// the hourly rule across restarts and several web processes.
const recentUseAudits = new Map<string, number>();

async function auditTokenUse(db: Db, token: { id: string; prefix: string }, user: UserPrincipal, ip: string | null, now: Date) {
  const key = `${token.id}|${ip ?? ""}`;
  const last = recentUseAudits.get(key);
  if (last !== undefined && now.getTime() - last < USE_AUDIT_INTERVAL_MS) return;
  recentUseAudits.set(key, now.getTime());
  if (recentUseAudits.size > 10_000) recentUseAudits.clear();
  const since = new Date(now.getTime() - USE_AUDIT_INTERVAL_MS);
  const recent = await db.auditEvent.count({ where: { action: "api_token.used", targetId: token.id, ip, createdAt: { gt: since } } });
  if (recent > 0) return;
  await recordAuditEvent(db, { actor: user, action: "api_token.used", targetType: "api_token", targetId: token.id, ip, details: { prefix: token.prefix } });
}

/**
 * The user a bearer token stands for, or null when the token is malformed, unknown, revoked,
 * expired or its user disabled. Records when it was last used and, once an hour per client
 * address, that it was used.
 */
export async function authenticateApiToken(db: Db, token: string, context: { ip: string | null; now?: Date }): Promise<TokenPrincipal | null> {
  if (!isWellFormedToken(token)) return null;
  const now = context.now ?? new Date();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: principalSelect } },
  });
  if (!row || tokenStatus(row, now) !== "active" || row.user.isDisabled) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  await auditTokenUse(db, row, row.user, context.ip, now);
  return { user: row.user, tokenId: row.id };
}
