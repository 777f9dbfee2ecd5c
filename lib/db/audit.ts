import type { AuditAction } from "../audit/actions";
import type { Prisma } from "../generated/prisma/client";
import { cutUserAgent, getRequestContext } from "../request-context";
import type { DbClient } from "./client";

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

export function recordAuditEvent(db: DbClient, event: AuditEventInput) {
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
    },
    select: { id: true },
  });
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
