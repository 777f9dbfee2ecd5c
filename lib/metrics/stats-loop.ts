// Runs stats cycles on a fixed beat. Cycles never overlap: a tick that finds the previous cycle
// still running is skipped and logged (once per slow stretch), not queued. A failing cycle is
// logged once until it succeeds again, then the recovery is logged.
import { errorMessage, type Logger } from "../log";

export interface StatsLoopOptions<T> {
  intervalMs: number;
  runCycle: () => Promise<T>;
  log: Logger;
  /** Called after each successful cycle (logging, tests). */
  onCycle?: (result: T) => void;
}

export interface StatsLoop {
  start(): void;
  /** Stops ticking; waits up to graceMs for a running cycle. True when none is left running. */
  stop(graceMs: number): Promise<boolean>;
  readonly skipped: number;
}

export function createStatsLoop<T>({ intervalMs, runCycle, log, onCycle }: StatsLoopOptions<T>): StatsLoop {
  let timer: ReturnType<typeof setInterval> | null = null;
  let current: Promise<void> | null = null;
  let currentStartedAt = 0;
  let skipped = 0;
  let isSlowStretch = false;
  let failure: string | null = null;

  async function cycle() {
    try {
      const result = await runCycle();
      if (failure) log.info(`stats cycle works again (it failed with: ${failure})`);
      failure = null;
      onCycle?.(result);
    } catch (error) {
      const message = errorMessage(error);
      if (message !== failure) log.error(`stats cycle failed: ${message}; trying again next cycle`);
      failure = message;
    }
  }

  function tick() {
    if (current) {
      skipped += 1;
      if (!isSlowStretch) {
        isSlowStretch = true;
        log.warn(`a stats cycle is still running after ${Math.round(performance.now() - currentStartedAt)} ms (interval ${intervalMs} ms): skipping ticks until it ends`);
      }
      return;
    }
    isSlowStretch = false;
    currentStartedAt = performance.now();
    current = cycle().finally(() => {
      current = null;
    });
  }

  return {
    start() {
      timer = setInterval(tick, intervalMs);
      tick();
    },
    async stop(graceMs) {
      if (timer) clearInterval(timer);
      timer = null;
      if (!current) return true;
      let timeout: ReturnType<typeof setTimeout> | undefined;
      const isFinished = await Promise.race([current.then(() => true), new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs)))]);
      clearTimeout(timeout);
      return isFinished;
    },
    get skipped() {
      return skipped;
    },
  };
}
