import { describe, expect, it } from "vitest";
import { backoffMs, DEFAULT_LIMITS, HOUR_MS, LoginThrottledError, requiredWait, type ThrottleState } from "./throttle-policy";

const now = new Date("2026-12-04T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const calm: ThrottleState = {
  keyFailures: 0,
  keyLastFailureAt: null,
  accountFailures: 0,
  accountReleaseAt: null,
  ipFailures: 0,
  ipReleaseAt: null,
  isKnownAddress: false,
  now,
};

describe("backoffMs", () => {
  it("lets the first failures through, then doubles the delay up to 15 minutes", () => {
    const delays = Array.from({ length: 16 }, (_, failures) => backoffMs(failures, DEFAULT_LIMITS));
    expect(delays.slice(0, 7)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delays[12]).toBe(512_000);
    expect(delays[13]).toBe(15 * 60 * 1000);
    expect(backoffMs(10_000, DEFAULT_LIMITS)).toBe(15 * 60 * 1000);
  });
});

describe("requiredWait", () => {
  it("allows a fresh key", () => {
    expect(requiredWait(calm, DEFAULT_LIMITS)).toBeNull();
  });

  it("waits out the back-off from the key's last failure", () => {
    const wait = requiredWait({ ...calm, keyFailures: 5, keyLastFailureAt: ago(1000) }, DEFAULT_LIMITS);
    expect(wait).toEqual({ waitMs: 3000, reason: "backoff" });
    expect(requiredWait({ ...calm, keyFailures: 5, keyLastFailureAt: ago(4000) }, DEFAULT_LIMITS)).toBeNull();
  });

  it("holds back unknown addresses at 100 failures per account per hour (ASVS 2.2.1), but not known ones", () => {
    const atCeiling = { ...calm, accountFailures: 100, accountReleaseAt: ago(HOUR_MS - 60_000) };
    expect(requiredWait({ ...atCeiling, accountFailures: 99 }, DEFAULT_LIMITS)).toBeNull();
    expect(requiredWait(atCeiling, DEFAULT_LIMITS)).toEqual({ waitMs: 60_000, reason: "account_ceiling" });
    expect(requiredWait({ ...atCeiling, isKnownAddress: true }, DEFAULT_LIMITS)).toBeNull();
  });

  it("has a ceiling per address too, and reports the longest wait", () => {
    const state = { ...calm, ipFailures: 100, ipReleaseAt: ago(HOUR_MS - 120_000), keyFailures: 4, keyLastFailureAt: now };
    expect(requiredWait(state, DEFAULT_LIMITS)).toEqual({ waitMs: 120_000, reason: "address_ceiling" });
  });
});

describe("LoginThrottledError", () => {
  it("says when to come back, in seconds or minutes", () => {
    expect(new LoginThrottledError(1).message).toBe("Too many failed sign-in attempts. Try again in 1 second.");
    expect(new LoginThrottledError(8).message).toMatch(/in 8 seconds\.$/);
    expect(new LoginThrottledError(61).message).toMatch(/in 2 minutes\.$/);
    expect(new LoginThrottledError(3600).message).toMatch(/in 60 minutes\.$/);
  });
});
