// The audit page's filters, read from the URL query. A bad value never fails the page: it is left
// out and named in a message, and the rest of the filters still apply.
import type { AuditEventFilter } from "../db/audit";
import { isAuditAction } from "./actions";

export interface AuditFilterValues {
  actor: string;
  action: string;
  from: string;
  to: string;
  target: string;
}

export interface ParsedAuditFilters {
  filter: AuditEventFilter;
  /** What the form shows again: the accepted values, empty for ignored ones. */
  values: AuditFilterValues;
  page: number;
  problems: string[];
}

type Query = Record<string, string | string[] | undefined>;

const DAY_MS = 24 * 60 * 60 * 1000;

function first(query: Query, name: string): string {
  const value = query[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** A calendar day (YYYY-MM-DD, as `<input type="date">` sends it) as midnight UTC; null if not a real day. */
export function parseDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-30 over to March: such a day does not exist.
  return date.toISOString().slice(0, 10) === text ? date : null;
}

export function parseAuditFilters(query: Query): ParsedAuditFilters {
  const problems: string[] = [];
  const values: AuditFilterValues = { actor: "", action: "", from: "", to: "", target: "" };
  const filter: AuditEventFilter = {};

  const actor = first(query, "actor");
  if (actor.length > 320) problems.push("Actor: at most 320 characters; ignored.");
  else if (actor) filter.actorEmail = values.actor = actor;

  const action = first(query, "action");
  if (action && !isAuditAction(action)) problems.push(`Action: "${action.slice(0, 80)}" is not a known action; ignored.`);
  else if (action) filter.action = values.action = action;

  const target = first(query, "target");
  if (target.length > 200) problems.push("Target: at most 200 characters; ignored.");
  else if (target) filter.targetId = values.target = target;

  const fromText = first(query, "from");
  const toText = first(query, "to");
  const from = fromText ? parseDay(fromText) : null;
  const to = toText ? parseDay(toText) : null;
  if (fromText && !from) problems.push(`From: "${fromText.slice(0, 40)}" is not a date (YYYY-MM-DD); ignored.`);
  if (toText && !to) problems.push(`To: "${toText.slice(0, 40)}" is not a date (YYYY-MM-DD); ignored.`);
  if (from && to && to < from) {
    problems.push("To is before From; both dates ignored.");
  } else {
    if (from) [filter.from, values.from] = [from, fromText];
    // Inclusive of the whole "to" day (UTC).
    if (to) [filter.before, values.to] = [new Date(to.getTime() + DAY_MS), toText];
  }

  const pageText = first(query, "page");
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { filter, values, page, problems };
}

/** The query string for a page of the same filters. */
export function auditQueryString(values: AuditFilterValues, page = 1): string {
  const entries = Object.entries(values).filter(([, value]) => value !== "");
  if (page > 1) entries.push(["page", String(page)]);
  return new URLSearchParams(entries).toString();
}
