import type { DbClient } from "./client";
import type { Prisma } from "../generated/prisma/client";

export interface AuditEventInput {
  actor: { id: string; email: string } | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Prisma.InputJsonValue;
}

export function recordAuditEvent(db: DbClient, event: AuditEventInput) {
  return db.auditEvent.create({
    data: {
      actorUserId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      details: event.details,
    },
    select: { id: true },
  });
}
