import "server-only";
import { canViewAuditLog } from "../auth/permissions";
import { listAuditEvents, type AuditEventFilter } from "../db/audit";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export function listAuditEventsFor(actor: Principal, params: { filter: AuditEventFilter; page: number; pageSize?: number }) {
  if (!canViewAuditLog(actor)) throw new ForbiddenError();
  return listAuditEvents(getDb(), params);
}
