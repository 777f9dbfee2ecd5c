// Decides when reconcile passes run: a full pass at start and every interval, a peer pass shortly
// after a change notification (notifications within the debounce window share one pass), a
// retry soon after a pass that failed as a whole. Passes never overlap: a request made during a
// pass is served by the next one, which starts as soon as the current one ends.
import { errorMessage, type Logger } from "../lib/log";

/** "full" also checks the interface itself; "peers" only the peer set. */
export type PassKind = "full" | "peers";

export interface SchedulerOptions {
  runPass: (kind: PassKind) => Promise<void>;
  intervalMs: number;
  debounceMs: number;
  retryDelayMs: number;
  log: Logger;
}

export interface ReconcileScheduler {
  start(): void;
  /** Resolves when a pass that started after this request has finished (or the scheduler stopped). */
  request(kind: PassKind, delayMs?: number): Promise<void>;
  /** Stops scheduling; waits up to graceMs for a running pass. True when none is left running. */
  stop(graceMs: number): Promise<boolean>;
}

export function createReconcileScheduler({ runPass, intervalMs, debounceMs, retryDelayMs, log }: SchedulerOptions): ReconcileScheduler {
  let pendingKind: PassKind | null = null;
  let waiters: Array<() => void> = [];
  let isRunning = false;
  let isStopped = false;
  let currentPass: Promise<unknown> | null = null;
  let wakeTimer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let periodicTimer: ReturnType<typeof setInterval> | null = null;

  function request(kind: PassKind, delayMs = 0): Promise<void> {
    if (isStopped) return Promise.resolve();
    pendingKind = pendingKind === "full" || kind === "full" ? "full" : "peers";
    const served = new Promise<void>((resolve) => waiters.push(resolve));
    // While a pass runs, the loop in drain() picks this request up when it ends.
    if (isRunning) return served;
    if (delayMs <= 0) void drain();
    else wakeIn(delayMs);
    return served;
  }

  function wakeIn(delayMs: number) {
    const at = Date.now() + delayMs;
    if (wakeTimer && wakeAt <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      wakeAt = Number.POSITIVE_INFINITY;
      void drain();
    }, delayMs);
  }

  async function drain() {
    if (isRunning) return;
    isRunning = true;
    try {
      while (pendingKind && !isStopped) {
        const kind = pendingKind;
        const served = waiters;
        pendingKind = null;
        waiters = [];
        // A full pass now makes a pending retry unnecessary.
        if (kind === "full" && retryTimer) {
          clearTimeout(retryTimer);
          retryTimer = null;
        }
        currentPass = runSafely(kind);
        const isOk = await currentPass;
        currentPass = null;
        for (const resolve of served) resolve();
        if (!isOk) scheduleRetry();
      }
    } finally {
      isRunning = false;
    }
  }

  async function runSafely(kind: PassKind): Promise<boolean> {
    try {
      await runPass(kind);
      return true;
    } catch (error) {
      log.error(`${kind} pass failed: ${errorMessage(error)}; retrying in ${Math.round(retryDelayMs / 1000)} s`);
      return false;
    }
  }

  function scheduleRetry() {
    if (isStopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void request("full");
    }, retryDelayMs);
  }

  return {
    start() {
      periodicTimer = setInterval(() => void request("full"), intervalMs);
      void request("full");
    },
    request: (kind, delayMs = kind === "peers" ? debounceMs : 0) => request(kind, delayMs),
    async stop(graceMs) {
      isStopped = true;
      for (const timer of [wakeTimer, retryTimer]) if (timer) clearTimeout(timer);
      if (periodicTimer) clearInterval(periodicTimer);
      for (const resolve of waiters.splice(0)) resolve();
      if (!currentPass) return true;
      let timeout: ReturnType<typeof setTimeout> | undefined;
      const isFinished = await Promise.race([
        currentPass.then(() => true),
        new Promise<boolean>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timeout);
      return isFinished;
    },
  };
}
