import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createReconcileScheduler, type PassKind } from "./reconcile-scheduler";
import { createSessionExpiryTimer, EXPIRY_MARGIN_MS, expiryWaitMs, MAX_EXPIRY_WAIT_MS } from "./session-expiry-timer";
import { createMemoryLogger } from "./test-support";

const DAY_MS = 86_400_000;

describe("expiryWaitMs", () => {
  it("waits until just after the expiry, never negative, capped", () => {
    expect(expiryWaitMs(null, 0)).toBeNull();
    expect(expiryWaitMs(new Date(10_000), 4_000)).toBe(6_000 + EXPIRY_MARGIN_MS);
    expect(expiryWaitMs(new Date(1_000), 5_000)).toBe(0);
    expect(expiryWaitMs(new Date(90 * DAY_MS), 0)).toBe(MAX_EXPIRY_WAIT_MS);
    // 90 days does not fit in setTimeout (2^31 - 1 ms), which would fire at once.
    expect(MAX_EXPIRY_WAIT_MS).toBeLessThan(2 ** 31 - 1);
  });
});

describe("createSessionExpiryTimer with the reconcile scheduler", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Sessions ending at these times (ms); a pass drops those that ended, as the desired peers do. */
  function setUp(sessionEnds: number[], intervalMs = 60_000) {
    const live = new Set(sessionEnds);
    const passes: Array<{ kind: PassKind; at: number }> = [];
    const findNextExpiry = vi.fn(async (now: Date) => {
      const upcoming = [...live].filter((end) => end >= now.getTime());
      return upcoming.length ? new Date(Math.min(...upcoming)) : null;
    });
    const log = createMemoryLogger();
    const timer = createSessionExpiryTimer({ findNextExpiry, onExpiry: () => void scheduler.request("peers", 0), log: log.log });
    const scheduler = createReconcileScheduler({
      runPass: timer.afterEachPass(async (kind: PassKind) => {
        passes.push({ kind, at: Date.now() });
        for (const end of live) if (end < Date.now()) live.delete(end);
      }),
      intervalMs,
      debounceMs: 150,
      retryDelayMs: 5_000,
      log: log.log,
    });
    return { timer, scheduler, passes, live, findNextExpiry, log };
  }

  it("runs a peer pass just after each session's end, earliest first, re-armed after every pass", async () => {
    const { scheduler, passes, live, timer } = setUp([7_000, 2_000, 4_000]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(timer.nextWakeAt()).toBe(2_000 + EXPIRY_MARGIN_MS);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toEqual([
      { kind: "full", at: 0 },
      { kind: "peers", at: 2_000 + EXPIRY_MARGIN_MS },
      { kind: "peers", at: 4_000 + EXPIRY_MARGIN_MS },
      { kind: "peers", at: 7_000 + EXPIRY_MARGIN_MS },
    ]);
    expect(live.size).toBe(0);
    expect(timer.nextWakeAt()).toBeNull();
    await scheduler.stop(1_000);
  });

  it("re-arms for an earlier expiry found by a later pass (a new sign-in or duration)", async () => {
    const { scheduler, passes, live, timer } = setUp([50_000]);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timer.nextWakeAt()).toBe(50_000 + EXPIRY_MARGIN_MS);
    live.add(3_000);
    void scheduler.request("peers");
    await vi.advanceTimersByTimeAsync(200);
    expect(timer.nextWakeAt()).toBe(3_000 + EXPIRY_MARGIN_MS);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(passes.at(-1)).toEqual({ kind: "peers", at: 3_000 + EXPIRY_MARGIN_MS });
    expect(timer.nextWakeAt()).toBe(50_000 + EXPIRY_MARGIN_MS);
    await scheduler.stop(1_000);
  });

  it("caps a long wait: a 90-day session wakes a pass every hour that arms the timer again", async () => {
    const { scheduler, passes, timer } = setUp([90 * DAY_MS], 24 * 3_600_000);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(timer.nextWakeAt()).toBe(MAX_EXPIRY_WAIT_MS);
    await vi.advanceTimersByTimeAsync(2 * MAX_EXPIRY_WAIT_MS);
    expect(passes.map((pass) => pass.at)).toEqual([0, MAX_EXPIRY_WAIT_MS, 2 * MAX_EXPIRY_WAIT_MS]);
    expect(timer.nextWakeAt()).toBe(3 * MAX_EXPIRY_WAIT_MS);
    await scheduler.stop(1_000);
  });

  it("re-arms after a failed pass too, and logs a failed lookup without breaking the pass", async () => {
    const findNextExpiry = vi.fn<(now: Date) => Promise<Date | null>>().mockResolvedValueOnce(new Date(5_000)).mockRejectedValueOnce(new Error("connection refused"));
    const log = createMemoryLogger();
    const onExpiry = vi.fn();
    const timer = createSessionExpiryTimer({ findNextExpiry, onExpiry, log: log.log });
    const failing = timer.afterEachPass(async () => {
      throw new Error("`wg show wg0 dump` failed");
    });
    await expect(failing()).rejects.toThrow("wg show");
    expect(timer.nextWakeAt()).toBe(5_000 + EXPIRY_MARGIN_MS);
    await expect(timer.afterEachPass(async () => undefined)()).resolves.toBeUndefined();
    expect(log.text()).toContain("could not find the next VPN session expiry: connection refused");
    // The earlier timer stays armed when the lookup fails.
    await vi.advanceTimersByTimeAsync(5_100);
    expect(onExpiry).toHaveBeenCalledOnce();
  });

  it("stops: no timer fires afterwards", async () => {
    const onExpiry = vi.fn();
    const timer = createSessionExpiryTimer({ findNextExpiry: async () => new Date(1_000), onExpiry, log: createMemoryLogger().log });
    await timer.rearm();
    timer.stop();
    await timer.rearm();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(onExpiry).not.toHaveBeenCalled();
    expect(timer.nextWakeAt()).toBeNull();
  });
});
