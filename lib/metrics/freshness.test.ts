import { describe, expect, it } from "vitest";
import { areStatsFresh } from "./freshness";

describe("areStatsFresh", () => {
  const now = Date.parse("2026-11-26T10:00:00Z");
  it("is fresh within three poll intervals (plus slack) of the last cycle", () => {
    expect(areStatsFresh({ lastCycleAt: new Date(now - 19_000), pollIntervalSeconds: 5 }, now)).toBe(true);
    expect(areStatsFresh({ lastCycleAt: new Date(now - 21_000), pollIntervalSeconds: 5 }, now)).toBe(false);
    expect(areStatsFresh({ lastCycleAt: new Date(now - 120_000), pollIntervalSeconds: 60 }, now)).toBe(true);
  });

  it("is stale without a status or a completed cycle", () => {
    expect(areStatsFresh(null, now)).toBe(false);
    expect(areStatsFresh({ lastCycleAt: null, pollIntervalSeconds: 5 }, now)).toBe(false);
  });
});
