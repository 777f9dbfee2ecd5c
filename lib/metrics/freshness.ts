// Whether the stats loop is alive: its last cycle is recent for its own poll interval.

/** Missed cycles tolerated before rates are called stale (one slow or skipped cycle is normal). */
const MISSED_CYCLES = 3;

export function areStatsFresh(status: { lastCycleAt: Date | null; pollIntervalSeconds: number } | null, now = Date.now()): boolean {
  if (!status?.lastCycleAt) return false;
  return now - status.lastCycleAt.getTime() < MISSED_CYCLES * status.pollIntervalSeconds * 1000 + 5_000;
}
