import { describe, expect, it } from "vitest";
import { counterRate, isConnected } from "./peer-stats";

describe("counterRate", () => {
  it("is the increase per second", () => {
    expect(counterRate(1_000n, 6_000n, 5)).toBe(1_000);
    expect(counterRate(7n, 7n, 5)).toBe(0);
  });

  it("treats a counter that went down as reset: the new value is the increase, never negative", () => {
    expect(counterRate(10_000_000n, 2_500n, 5)).toBe(500);
    expect(counterRate(10_000_000n, 0n, 5)).toBe(0);
  });

  it("is null when no time passed or the clock went back, instead of infinite or negative", () => {
    expect(counterRate(0n, 100n, 0)).toBeNull();
    expect(counterRate(0n, 100n, -3)).toBeNull();
  });

  it("handles counters beyond 2^53", () => {
    expect(counterRate(2n ** 60n, 2n ** 60n + 10n, 2)).toBe(5);
  });

  it("is null (unknown) for an implausible jump rather than an absurd rate", () => {
    expect(counterRate(0n, (1n << 64n) - 1n, 5)).toBeNull();
    expect(counterRate(0n, 5_000_000_000_000n, 5)).toBe(1e12);
  });
});

describe("isConnected", () => {
  const now = 1_800_000_000_000;
  it("is true under 180 s since the handshake, false at 180 s, never, or a zero handshake", () => {
    expect(isConnected(now - 179_999, now)).toBe(true);
    expect(isConnected(now - 180_000, now)).toBe(false);
    expect(isConnected(null, now)).toBe(false);
    expect(isConnected(0, now)).toBe(false);
  });
});
