import Link from "next/link";
import { auditActionLabel } from "@/lib/audit/actions";
import { shortUserAgent } from "@/lib/audit/user-agent";
import type { AuditEventRow } from "@/lib/db/audit";

// Seconds matter when reading a log; UTC like every date in the app, so hydration never disagrees.
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const clockFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "medium", timeZone: "UTC" });

function Actor({ event }: { event: AuditEventRow }) {
  if (!event.actorEmail) return <span className="text-muted">{event.action.startsWith("setup.") ? "Command line" : "—"}</span>;
  // The foreign key is cleared when the user is deleted: a set id means the user page exists.
  return event.actorUserId ? (
    <Link href={`/admin/users/${event.actorUserId}`} className="font-medium hover:text-accent hover:underline">
      {event.actorEmail}
    </Link>
  ) : (
    <span title="This user was deleted">{event.actorEmail}</span>
  );
}

function Target({ event }: { event: AuditEventRow }) {
  if (!event.targetId) return <span className="text-muted">{event.targetType ?? "—"}</span>;
  // Ids are long (UUIDs): the start tells them apart, the full one is on hover and in the link.
  const shortId = event.targetId.length > 13 ? `${event.targetId.slice(0, 8)}…` : event.targetId;
  return (
    <>
      <span className="block text-muted">{event.targetType ?? "target"}</span>
      <Link
        href={`/admin/audit?target=${encodeURIComponent(event.targetId)}`}
        title={`${event.targetId}: show every event for this target`}
        aria-label={`Events for ${event.targetType ?? "target"} ${event.targetId}`}
        className="font-mono text-xs hover:text-accent hover:underline"
      >
        {shortId}
      </Link>
    </>
  );
}

function Details({ details }: { details: AuditEventRow["details"] }) {
  if (details === null || (typeof details === "object" && !Array.isArray(details) && Object.keys(details).length === 0)) return <span className="text-muted">—</span>;
  return (
    <details className="group">
      <summary className="cursor-pointer select-none text-sm font-medium text-accent hover:underline">
        <span className="group-open:hidden">Show</span>
        <span className="hidden group-open:inline">Hide</span>
      </summary>
      <pre className="mt-2 max-w-md overflow-x-auto whitespace-pre-wrap rounded-lg bg-surface-muted p-2 font-mono text-xs [overflow-wrap:anywhere]">{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}

function From({ event, withUserAgent }: { event: AuditEventRow; withUserAgent: boolean }) {
  if (!event.ip && !event.userAgent) return <span className="text-muted">—</span>;
  return (
    <>
      <span className="block font-mono text-xs">{event.ip ?? "unknown address"}</span>
      {withUserAgent && event.userAgent && (
        <span title={event.userAgent} className="mt-0.5 block cursor-help text-xs text-muted underline decoration-border decoration-dotted underline-offset-4">
          {shortUserAgent(event.userAgent)}
        </span>
      )}
    </>
  );
}

/** A folded row (repeated refusals): how many, and when the last one came. */
function Repeats({ event }: { event: AuditEventRow }) {
  if (event.count <= 1) return null;
  const last = event.lastSeenAt ? ` · last ${clockFormat.format(event.lastSeenAt)}` : "";
  return (
    <span className="mt-1 block text-xs text-muted" data-testid="audit-event-count">
      <span className="rounded bg-surface-muted px-1.5 py-0.5 font-medium tabular-nums text-foreground">×{event.count}</span>
      {last}
    </span>
  );
}

function When({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()}>
      <span className="block">{dayFormat.format(date)}</span>
      <span className="block text-xs">{clockFormat.format(date)}</span>
    </time>
  );
}

/** Narrow screens: one stacked block per event instead of a table that scrolls sideways. */
function AuditEventsList({ events, compact }: { events: AuditEventRow[]; compact: boolean }) {
  return (
    <ul className="-mx-5 -my-4 divide-y divide-border md:hidden">
      {events.map((event) => (
        <li key={event.id} className="space-y-2 px-5 py-3 text-sm">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <span className="block font-medium">{auditActionLabel(event.action)}</span>
              <code className="text-xs text-muted">{event.action}</code>
              <Repeats event={event} />
            </div>
            <span className="shrink-0 text-right tabular-nums text-muted">
              <When date={event.createdAt} />
            </span>
          </div>
          <div className="min-w-0 [overflow-wrap:anywhere]">
            <Actor event={event} />
          </div>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {event.targetId && (
              <div>
                <Target event={event} />
              </div>
            )}
            <div>
              <From event={event} withUserAgent={!compact} />
            </div>
          </div>
          {!compact && event.details !== null && <Details details={event.details} />}
        </li>
      ))}
    </ul>
  );
}

/** The audit log's rows; `compact` leaves out the user agent and details (the diagnostics page). */
export function AuditEventsTable({ events, compact = false }: { events: AuditEventRow[]; compact?: boolean }) {
  const cell = "px-3 py-3 align-top";
  return (
    <>
      <AuditEventsList events={events} compact={compact} />
      <div className="-mx-5 -my-4 hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
            <tr>
              <th className="px-5 py-2.5 font-medium">Time (UTC)</th>
              <th className="px-3 py-2.5 font-medium">Actor</th>
              <th className="px-3 py-2.5 font-medium">Action</th>
              <th className="px-3 py-2.5 font-medium">Target</th>
              <th className={compact ? "px-5 py-2.5 font-medium" : "px-3 py-2.5 font-medium"}>From</th>
              {!compact && <th className="px-5 py-2.5 font-medium">Details</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {events.map((event) => (
              <tr key={event.id} data-testid="audit-event">
                <td className="whitespace-nowrap px-5 py-3 align-top tabular-nums text-muted">
                  <When date={event.createdAt} />
                </td>
                <td className={`${cell} whitespace-nowrap`}>
                  <Actor event={event} />
                </td>
                <td className={`${cell} min-w-44`}>
                  <span className="block font-medium">{auditActionLabel(event.action)}</span>
                  <code className="text-xs text-muted">{event.action}</code>
                  <Repeats event={event} />
                </td>
                <td className={`${cell} whitespace-nowrap`}>
                  <Target event={event} />
                </td>
                <td className={`${compact ? "px-5 py-3 align-top" : cell} whitespace-nowrap`}>
                  <From event={event} withUserAgent={!compact} />
                </td>
                {!compact && (
                  <td className="px-5 py-3 align-top">
                    <Details details={event.details} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
