// The daily clean-up: audit events past the retention set on Settings → Security, and sign-in
// throttle rows no limit looks at any more. Every web process runs it once a day (the deletes are
// idempotent, so several replicas doing it is harmless); `wiregui prune-audit` runs it on demand.
import { pruneSignInThrottle } from "../auth/login-throttle";
import type { Db } from "../db/client";
import { pruneAuditEvents } from "../db/audit";
import { errorMessage, type Logger } from "../log";

export const PRUNE_INTERVAL_MS = 24 * 60 * 60 * 1000;
// Not at start-up itself: a restart loop should not become a delete loop, and start-up is busy.
const FIRST_PRUNE_DELAY_MS = 60 * 1000;

export async function pruneExpiredRecords(db: Db, now = new Date()) {
  const audit = await pruneAuditEvents(db, now);
  const throttle = await pruneSignInThrottle(db);
  return { auditEvents: audit.deleted, retentionDays: audit.retentionDays, signInFailures: throttle.failures, knownAddresses: throttle.knownAddresses };
}

export function describePrune(result: Awaited<ReturnType<typeof pruneExpiredRecords>>): string {
  return `deleted ${result.auditEvents} audit event(s) older than ${result.retentionDays} days, ${result.signInFailures} expired sign-in failure(s) and ${result.knownAddresses} stale known address(es)`;
}

/** Runs the prune a minute after start and then every day; the timers never keep the process alive. */
export function startDailyPrune(db: Db, log: Logger): { stop(): void } {
  const run = () =>
    pruneExpiredRecords(db).then(
      (result) => log.info(describePrune(result)),
      (error: unknown) => log.error(`prune failed, trying again tomorrow: ${errorMessage(error)}`),
    );
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    void run();
    interval = setInterval(() => void run(), PRUNE_INTERVAL_MS);
    interval.unref();
  }, FIRST_PRUNE_DELAY_MS);
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      if (interval) clearInterval(interval);
    },
  };
}
