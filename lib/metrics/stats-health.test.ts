import { describe, expect, it } from "vitest";
import type { CollectorStatus } from "../generated/prisma/client";
import { describeMetricsPush, describeStatsLoop } from "./stats-health";

const now = Date.parse("2026-11-26T10:00:00Z");
const status = (overrides: Partial<CollectorStatus> = {}): CollectorStatus => ({
  interfaceName: "wg0",
  source: "collector",
  pollIntervalSeconds: 5,
  lastCycleAt: new Date(now - 3_000),
  lastCycleDurationMs: 42,
  lastErrorAt: null,
  lastError: null,
  peersOnInterface: 12,
  peersConnected: 7,
  lastPushAt: new Date(now - 3_000),
  lastPushError: null,
  bufferedPushes: 0,
  updatedAt: new Date(now),
  ...overrides,
});
const settings = { metricsEnabled: true, interfaceName: "wg0" };

describe("describeStatsLoop", () => {
  it("is ok with a recent cycle, and says what it saw", () => {
    expect(describeStatsLoop(status(), settings, now)).toEqual({
      name: "Stats",
      status: "ok",
      detail: "Last cycle of wg0 by the collector 3 s ago, took 42 ms (every 5 s): 12 peers, 7 connected.",
    });
  });

  it("is an error when stale or never run, with the last error", () => {
    expect(describeStatsLoop(status({ lastCycleAt: new Date(now - 60_000) }), settings, now).status).toBe("error");
    const never = describeStatsLoop(status({ lastCycleAt: null, lastError: "`wg show wg0 dump` failed: No such device" }), { metricsEnabled: false, interfaceName: "wg0" }, now);
    expect(never).toMatchObject({ status: "error" });
    expect(never.detail).toContain("expected from the web app (WG_METRICS_ENABLED=false). Last error: `wg show wg0 dump` failed: No such device");
  });

  it("warns when the latest cycle failed after a good one", () => {
    expect(describeStatsLoop(status({ lastErrorAt: new Date(now - 1_000), lastError: "boom" }), settings, now)).toMatchObject({ status: "warning", detail: expect.stringContaining("Then failed: boom") });
  });
});

describe("describeMetricsPush", () => {
  it("covers unconfigured, unreachable, failing and healthy", () => {
    expect(describeMetricsPush(status(), undefined, false, now).status).toBe("warning");
    expect(describeMetricsPush(status({ bufferedPushes: 4 }), "http://vm:8428", false, now)).toMatchObject({ status: "error", detail: "http://vm:8428 does not answer; last push 3 s ago, 4 batch(es) waiting." });
    expect(describeMetricsPush(status({ lastPushError: "HTTP 503" }), "http://vm:8428", true, now).status).toBe("warning");
    expect(describeMetricsPush(status(), "http://vm:8428", true, now)).toMatchObject({ status: "ok", detail: "http://vm:8428 answers; last push 3 s ago." });
  });
});
