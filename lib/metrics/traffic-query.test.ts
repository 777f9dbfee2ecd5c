import { describe, expect, it } from "vitest";
import { mergeTraffic, parseQueryRange, trafficQueries, trafficWindow, TRAFFIC_RANGES } from "./traffic-query";

describe("trafficWindow", () => {
  const now = Date.parse("2026-11-26T10:00:07Z");

  it("keeps every range at or under 180 points, never finer than the poll interval", () => {
    for (const range of Object.keys(TRAFFIC_RANGES) as Array<keyof typeof TRAFFIC_RANGES>) {
      const window = trafficWindow(range, 5, now);
      expect((window.endSeconds - window.startSeconds) / window.stepSeconds).toBeLessThanOrEqual(180);
      expect(window.stepSeconds).toBeGreaterThanOrEqual(5);
    }
    expect(trafficWindow("15m", 5, now).stepSeconds).toBe(5);
    expect(trafficWindow("7d", 5, now).stepSeconds).toBe(3360);
    expect(trafficWindow("15m", 60, now).stepSeconds).toBe(60);
  });

  it("aligns start and end to the step whatever the poll interval, as VictoriaMetrics aligns its answer", () => {
    for (const poll of [5, 7, 8, 11, 13, 60, 77]) {
      for (const range of Object.keys(TRAFFIC_RANGES) as Array<keyof typeof TRAFFIC_RANGES>) {
        const window = trafficWindow(range, poll, now);
        expect(window.startSeconds % window.stepSeconds).toBe(0);
        expect(window.endSeconds - window.startSeconds).toBeGreaterThanOrEqual(TRAFFIC_RANGES[range].seconds);
        expect(window.endSeconds - window.startSeconds).toBeLessThan(TRAFFIC_RANGES[range].seconds + window.stepSeconds);
      }
    }
  });

  it("aligns the end to the step and looks back at least three polls", () => {
    const window = trafficWindow("1h", 5, now);
    expect(window.stepSeconds).toBe(20);
    expect(window.endSeconds % 20).toBe(0);
    expect(window.endSeconds).toBeLessThanOrEqual(now / 1000);
    expect(window.rateWindowSeconds).toBe(20);
    expect(trafficWindow("15m", 5, now).rateWindowSeconds).toBe(15);
  });
});

describe("trafficQueries", () => {
  it("sums rates per device by public key, or over every peer", () => {
    const window = trafficWindow("15m", 5, 0);
    expect(trafficQueries(window, "ab+/c=")).toEqual({
      rx: 'sum(rate(wiregui_peer_rx_bytes{public_key="ab+/c="}[15s]))',
      tx: 'sum(rate(wiregui_peer_tx_bytes{public_key="ab+/c="}[15s]))',
    });
    expect(trafficQueries(window).rx).toBe("sum(rate(wiregui_peer_rx_bytes[15s]))");
  });

  it("escapes a label value that could break out of the selector", () => {
    expect(trafficQueries(trafficWindow("15m", 5, 0), 'x"} or vector(1) #').rx).toContain('public_key="x\\"} or vector(1) #"');
  });
});

describe("parseQueryRange and mergeTraffic", () => {
  it("fills every step, leaving gaps as null and clamping negatives", () => {
    const window = { startSeconds: 100, endSeconds: 130, stepSeconds: 10, rateWindowSeconds: 15 };
    const rx = parseQueryRange({ status: "success", data: { result: [{ values: [[100, "12.5"], [120, "-3"], [130, "NaN"]] }] } });
    const tx = parseQueryRange({ status: "success", data: { result: [] } });
    expect(mergeTraffic(window, rx, tx)).toEqual([
      { t: 100_000, rx: 12.5, tx: null },
      { t: 110_000, rx: null, tx: null },
      { t: 120_000, rx: 0, tx: null },
      { t: 130_000, rx: null, tx: null },
    ]);
  });

  it("hides everything before the device existed", () => {
    const window = { startSeconds: 100, endSeconds: 120, stepSeconds: 10, rateWindowSeconds: 15 };
    const rx = new Map([[100, 1], [110, 2], [120, 3]]);
    expect(mergeTraffic(window, rx, rx, 110).map((point) => point.rx)).toEqual([null, 2, 3]);
  });

  it("rejects an answer that is not a successful range query", () => {
    expect(() => parseQueryRange({ status: "error", error: "bad query" })).toThrow();
  });
});
