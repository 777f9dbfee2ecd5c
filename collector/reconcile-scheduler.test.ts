import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createReconcileScheduler, type PassKind } from "./reconcile-scheduler";
import { createMemoryLogger } from "./test-support";

/** A pass that takes `durationMs` of (fake) time and records when it ran. */
function recordingPass(durationMs = 0, fail: (count: number) => boolean = () => false) {
  const runs: Array<{ kind: PassKind; startedAt: number; endedAt?: number }> = [];
  let active = 0;
  let maxActive = 0;
  const runPass = async (kind: PassKind) => {
    const entry: { kind: PassKind; startedAt: number; endedAt?: number } = { kind, startedAt: Date.now() };
    runs.push(entry);
    active += 1;
    maxActive = Math.max(maxActive, active);
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    active -= 1;
    entry.endedAt = Date.now();
    if (fail(runs.length)) throw new Error("`wg show wg0 dump` failed: exit code 1");
  };
  return { runPass, runs, maxActive: () => maxActive };
}

describe("createReconcileScheduler", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const options = { intervalMs: 30_000, debounceMs: 150, retryDelayMs: 5_000 };

  it("runs a full pass at start and every interval", async () => {
    const pass = recordingPass();
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log: createMemoryLogger().log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(pass.runs.map((run) => [run.kind, run.startedAt])).toEqual([
      ["full", 0],
      ["full", 30_000],
      ["full", 60_000],
    ]);
    await scheduler.stop(1_000);
  });

  it("debounces notifications into one peers pass", async () => {
    const pass = recordingPass();
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log: createMemoryLogger().log });
    for (let index = 0; index < 5; index += 1) {
      void scheduler.request("peers");
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(pass.runs.map((run) => [run.kind, run.startedAt])).toEqual([["peers", 150]]);
    await scheduler.stop(1_000);
  });

  it("never overlaps passes: requests during a pass are served by one pass right after it", async () => {
    const pass = recordingPass(1_000);
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log: createMemoryLogger().log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(100);
    const served = [scheduler.request("peers"), scheduler.request("peers"), scheduler.request("full")];
    await vi.advanceTimersByTimeAsync(3_000);
    await Promise.all(served);
    expect(pass.maxActive()).toBe(1);
    expect(pass.runs.map((run) => [run.kind, run.startedAt])).toEqual([
      ["full", 0],
      ["full", 1_000],
    ]);
    await scheduler.stop(1_000);
  });

  it("resolves a request only after a pass that started after it", async () => {
    const pass = recordingPass(1_000);
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log: createMemoryLogger().log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(500);
    let isServed = false;
    void scheduler.request("full").then(() => (isServed = true));
    await vi.advanceTimersByTimeAsync(600);
    expect(isServed).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(isServed).toBe(true);
    await scheduler.stop(1_000);
  });

  it("logs a failed pass and retries it soon, and keeps going", async () => {
    const pass = recordingPass(0, (count) => count === 1);
    const { log, lines } = createMemoryLogger();
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(31_000);
    expect(pass.runs.map((run) => run.startedAt)).toEqual([0, 5_000, 30_000]);
    expect(lines.filter((entry) => entry.level === "error").map((entry) => entry.line)).toEqual([
      expect.stringMatching(/full pass failed: `wg show wg0 dump` failed: exit code 1; retrying in 5 s/),
    ]);
    await scheduler.stop(1_000);
  });

  it("stops: no more passes, and waits for the running one up to the grace time", async () => {
    const pass = recordingPass(2_000);
    const scheduler = createReconcileScheduler({ ...options, runPass: pass.runPass, log: createMemoryLogger().log });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(100);
    const stopped = scheduler.stop(5_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(pass.runs).toHaveLength(1);

    const slow = recordingPass(60_000);
    const slowScheduler = createReconcileScheduler({ ...options, runPass: slow.runPass, log: createMemoryLogger().log });
    slowScheduler.start();
    const gaveUp = slowScheduler.stop(3_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await gaveUp).toBe(false);
  });
});
