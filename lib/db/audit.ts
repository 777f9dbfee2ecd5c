import { createHash } from "node:crypto";
import type { AuditAction } from "../audit/actions";
import type { Prisma } from "../generated/prisma/client";
import { cutUserAgent, getRequestContext } from "../request-context";
import type { Db, DbClient } from "./client";
import { getAuditRetentionDays } from "./configuration";

export interface AuditEventInput {
  actor: { id: string; email: string } | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  /** Given values win; left out (or null), the current request's address and user agent are used. */
  ip?: string | null;
  userAgent?: string | null;
  details?: Prisma.InputJsonValue;
}

export function recordAuditEvent(db: DbClient, event: AuditEventInput, foldKey: string | null = null) {
  const request = getRequestContext();
  return db.auditEvent.create({
    data: {
      actorUserId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? request?.ip ?? null,
      userAgent: cutUserAgent(event.userAgent) ?? request?.userAgent ?? null,
      details: event.details,
      foldKey,
    },
    select: { id: true },
  });
}

/** Refusals repeated within this long of the first fold into its row. */
export const REPEAT_WINDOW_MS = 60 * 60 * 1000;

/**
 * For events that come in floods (refused sign-ins): the same action from the same address with the
 * same `sameAs` values (email, reason) within REPEAT_WINDOW_MS of the first adds one to that row's
 * count instead of inserting, so a guessing run is a handful of rows, not one per request.
 */
export async function recordRepeatedAuditEvent(db: Db, event: AuditEventInput, sameAs: string[]) {
  const ip = event.ip ?? getRequestContext()?.ip ?? null;
  // Hashed: emails can be long, and the key only needs to be equal for equal events.
  const foldKey = createHash("sha256").update(JSON.stringify([event.action, ip, ...sameAs])).digest("hex");
  return db.$transaction(async (tx) => {
    // Two refusals at once must not both find no row and both insert.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`wiregui.audit:${foldKey}`}, 0))`;
    const now = new Date();
    const existing = await tx.auditEvent.findFirst({
      where: { foldKey, createdAt: { gt: new Date(now.getTime() - REPEAT_WINDOW_MS) } },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (!existing) return recordAuditEvent(tx, { ...event, ip }, foldKey);
    await tx.auditEvent.update({ where: { id: existing.id }, data: { count: { increment: 1 }, lastSeenAt: now } });
    return existing;
  });
}

/**
 * Deletes events whose last occurrence is older than the configured retention (Settings → Security).
 * Run daily by the web app and on demand by `wiregui prune-audit`.
 */
export async function pruneAuditEvents(db: DbClient, now = new Date()): Promise<{ deleted: number; retentionDays: number }> {
  const retentionDays = await getAuditRetentionDays(db);
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const { count } = await db.auditEvent.deleteMany({
    where: { OR: [{ lastSeenAt: null, createdAt: { lt: cutoff } }, { lastSeenAt: { lt: cutoff } }] },
  });
  return { deleted: count, retentionDays };
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEventFilter {
  /** Part of the actor's email, any case. */
  actorEmail?: string;
  action?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
  targetId?: string;
}

const auditEventSelect = {
  id: true,
  createdAt: true,
  actorUserId: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  details: true,
  count: true,
  lastSeenAt: true,
} as const;

function auditWhere(filter: AuditEventFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actorEmail && { actorEmail: { contains: filter.actorEmail, mode: "insensitive" as const } }),
    ...(filter.action && { action: filter.action }),
    ...(filter.targetId && { targetId: filter.targetId }),
    ...((filter.from || filter.before) && { createdAt: { ...(filter.from && { gte: filter.from }), ...(filter.before && { lt: filter.before }) } }),
  };
}

/** Newest first (the id breaks ties between events of the same millisecond). */
export async function listAuditEvents(db: DbClient, params: { filter: AuditEventFilter; page: number; pageSize?: number }) {
  const pageSize = params.pageSize ?? AUDIT_PAGE_SIZE;
  const where = auditWhere(params.filter);
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (params.page - 1) * pageSize, take: pageSize, select: auditEventSelect }),
    db.auditEvent.count({ where }),
  ]);
  return { rows: rows.map((row) => ({ ...row, id: row.id.toString() })), total, pageSize };
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];
