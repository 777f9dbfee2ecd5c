import { describe, expect, it } from "vitest";
import { cpuPercent, cpuTicksFromStat, formatBytes, formatMs, listeningSocketInodes, percentile, summarize, verdictLine } from "./bench-measure";

describe("percentile", () => {
  it("takes the nearest rank of the sorted values", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
  });

  it("of 20 values, p95 is the 19th: one slow outlier alone does not move it", () => {
    const values = [...Array.from({ length: 19 }, () => 10), 1_000];
    expect(percentile(values, 95)).toBe(10);
    expect(summarize(values)).toEqual({ count: 20, p50: 10, p95: 10, max: 1_000 });
  });

  it("is NaN without values and refuses percentiles outside 0..100", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([]).max).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("cpuTicksFromStat", () => {
  it("adds utime and stime (fields 14 and 15)", () => {
    // A real line of /proc/<pid>/stat (next-server renames itself, hence the spaces in the name).
    const line =
      "14715 (next-server (v16.4.6)) S 14338 14336 1234 0 -1 4194560 40912 0 0 0 1523 287 0 0 20 0 11 0 123456 1234567890 45678 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0";
    expect(cpuTicksFromStat(line)).toBe(1523 + 287);
  });

  it("counts fields from the last parenthesis, whatever the command name holds", () => {
    const line = "7 (a) b (c) 9) R 1 7 7 0 -1 0 0 0 0 0 42 8 0 0 20 0 1 0 100 0 0";
    expect(cpuTicksFromStat(line)).toBe(50);
  });

  it("refuses text that is not a stat line", () => {
    expect(() => cpuTicksFromStat("no parentheses here")).toThrow(/command name/);
    expect(() => cpuTicksFromStat("1 (short) S 1 2")).toThrow(/utime/);
  });
});

describe("cpuPercent", () => {
  it("is CPU seconds per wall second, in % of one core", () => {
    // 100 ticks a second: 1,500 ticks over 30 s is half a core.
    expect(cpuPercent(1_000, 2_500, 30_000, 100)).toBeCloseTo(50);
    // Both cores busy for 10 s.
    expect(cpuPercent(0, 2_000, 10_000, 100)).toBeCloseTo(200);
  });

  it("refuses an empty interval", () => {
    expect(() => cpuPercent(0, 1, 0, 100)).toThrow(RangeError);
  });
});

describe("listeningSocketInodes", () => {
  const table = [
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
    "   0: 0100007F:98D3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 981234 1 0000000000000000 100 0 0 10 0",
    "   1: 0100007F:98D3 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 981240 1 0000000000000000 20 4 30 10 -1",
    "   2: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4712 1 0000000000000000 100 0 0 10 0",
  ].join("\n");

  it("finds the listening socket of the port, not its connections or other ports", () => {
    expect(listeningSocketInodes(table, 0x98d3)).toEqual(["981234"]);
    expect(listeningSocketInodes(table, 5432)).toEqual(["4712"]);
    expect(listeningSocketInodes(table, 3000)).toEqual([]);
  });
});

describe("formatting", () => {
  it("prints milliseconds and decimal sizes as the tables do", () => {
    expect(formatMs(1035.6)).toBe("1,036 ms");
    expect(formatMs(Number.NaN)).toBe("–");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2_200)).toBe("2.2 kB");
    expect(formatBytes(148_900)).toBe("149 kB");
    expect(formatBytes(1_040_000)).toBe("1.04 MB");
    expect(formatBytes(22_000_000)).toBe("22.0 MB");
    expect(verdictLine("admin refresh p95 < 100 ms at 10,000", false, "1,036 ms")).toBe("admin refresh p95 < 100 ms at 10,000: FAIL (1,036 ms)");
    expect(verdictLine("x", true, "5 ms")).toBe("x: PASS (5 ms)");
  });
});
