// Wakes the collector when the next VPN session ends, so the expired user's peers leave within
// moments instead of at the next full pass. Re-armed after every pass (a sign-in, a new duration
// or a removed device changes which session ends next), whether the pass worked or not.
import { errorMessage, type Logger } from "../lib/log";

/** Longer waits are cut: setTimeout overflows past ~24.8 days (30/90-day sessions), and clocks jump. */
export const MAX_EXPIRY_WAIT_MS = 60 * 60 * 1000;
/** A session is live up to and including its end instant: look just after it. */
export const EXPIRY_MARGIN_MS = 25;

export interface SessionExpiryTimerOptions {
  findNextExpiry: (now: Date) => Promise<Date | null>;
  /** Asks for a peer pass (the scheduler's request). */
  onExpiry: () => void;
  log: Logger;
  now?: () => number;
  maxWaitMs?: number;
}

export interface SessionExpiryTimer {
  /** Wraps a pass so that the timer is armed again after it, for the session that ends next. */
  afterEachPass<A extends unknown[]>(runPass: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
  rearm(): Promise<void>;
  /** When the timer fires next (epoch ms), or null when it is not armed. */
  nextWakeAt(): number | null;
  stop(): void;
}

/** How long to wait for a session ending at nextExpiryAt: never negative, never past maxWaitMs. Null: nothing to wait for. */
export function expiryWaitMs(nextExpiryAt: Date | null, nowMs: number, maxWaitMs = MAX_EXPIRY_WAIT_MS): number | null {
  if (!nextExpiryAt) return null;
  return Math.min(Math.max(0, nextExpiryAt.getTime() - nowMs + EXPIRY_MARGIN_MS), maxWaitMs);
}

export function createSessionExpiryTimer({ findNextExpiry, onExpiry, log, now = Date.now, maxWaitMs = MAX_EXPIRY_WAIT_MS }: SessionExpiryTimerOptions): SessionExpiryTimer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt: number | null = null;
  let isStopped = false;

  function clear() {
    if (timer) clearTimeout(timer);
    timer = null;
    wakeAt = null;
  }

  async function rearm() {
    if (isStopped) return;
    const startedAt = now();
    const waitMs = expiryWaitMs(await findNextExpiry(new Date(startedAt)), startedAt, maxWaitMs);
    // Stopped, or re-armed by a later pass, while the query ran.
    if (isStopped) return;
    clear();
    if (waitMs === null) return;
    wakeAt = startedAt + waitMs;
    timer = setTimeout(() => {
      timer = null;
      wakeAt = null;
      onExpiry();
    }, waitMs);
    timer.unref?.();
  }

  return {
    afterEachPass(runPass) {
      return async (...args) => {
        try {
          await runPass(...args);
        } finally {
          // Without a timer the next full pass or notification still applies the expiry; it only comes later.
          await rearm().catch((error: unknown) => log.warn(`could not find the next VPN session expiry: ${errorMessage(error)}`));
        }
      };
    },
    rearm,
    nextWakeAt: () => wakeAt,
    stop() {
      isStopped = true;
      clear();
    },
  };
}
