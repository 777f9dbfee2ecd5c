import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryLogger } from "../../collector/test-support";
import { createStatsLoop } from "./stats-loop";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createStatsLoop", () => {
  it("runs a cycle at start and on every tick", async () => {
    const runCycle = vi.fn(async () => "ok");
    const loop = createStatsLoop({ intervalMs: 5_000, runCycle, log: createMemoryLogger().log });
    loop.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(runCycle).toHaveBeenCalledTimes(4);
    await loop.stop(100);
  });

  it("never overlaps cycles: ticks during a slow cycle are skipped and logged once", async () => {
    let running = 0;
    let maxRunning = 0;
    const durations = [12_000, 100, 100, 100];
    const runCycle = vi.fn(async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, durations.shift() ?? 100));
      running -= 1;
    });
    const logs = createMemoryLogger();
    const loop = createStatsLoop({ intervalMs: 5_000, runCycle, log: logs.log });
    loop.start();
    await vi.advanceTimersByTimeAsync(20_100);
    expect(maxRunning).toBe(1);
    // Ticks at 5 s and 10 s fell inside the 12 s cycle; 15 s and 20 s ran.
    expect(loop.skipped).toBe(2);
    expect(runCycle).toHaveBeenCalledTimes(3);
    expect(logs.lines.filter((entry) => entry.line.includes("still running"))).toHaveLength(1);
    await loop.stop(100);
  });

  it("logs a repeating failure once, keeps going, and logs the recovery", async () => {
    let calls = 0;
    const runCycle = vi.fn(async () => {
      calls += 1;
      if (calls <= 3) throw new Error("connection refused");
    });
    const logs = createMemoryLogger();
    const loop = createStatsLoop({ intervalMs: 1_000, runCycle, log: logs.log });
    loop.start();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(runCycle).toHaveBeenCalledTimes(5);
    expect(logs.lines.filter((entry) => entry.level === "error")).toHaveLength(1);
    expect(logs.text()).toContain("stats cycle works again (it failed with: connection refused)");
    await loop.stop(100);
  });

  it("stop waits for a running cycle up to the grace period, and stops ticking", async () => {
    const runCycle = vi.fn(() => new Promise<void>((resolve) => setTimeout(resolve, 10_000)));
    const loop = createStatsLoop({ intervalMs: 1_000, runCycle, log: createMemoryLogger().log });
    loop.start();
    const stopped = loop.stop(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(runCycle).toHaveBeenCalledTimes(1);
  });
});
