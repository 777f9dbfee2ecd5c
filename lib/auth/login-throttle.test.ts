import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, LoginThrottle, LoginThrottledError } from "./login-throttle";

const limits = { accountFailures: 3, ipFailures: 5, windowSeconds: 60 };

async function fail(throttle: LoginThrottle, email: string, ip: string | null, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await throttle.recordFailure(email, ip);
}

describe("LoginThrottle", () => {
  it("allows sign-in below the account limit", async () => {
    const throttle = new LoginThrottle(limits);
    await expect(throttle.assertAllowed("alice@example.com", "198.51.100.1")).resolves.toBeUndefined();
    await fail(throttle, "alice@example.com", "198.51.100.1", 2);
    await expect(throttle.assertAllowed("alice@example.com", "198.51.100.1")).resolves.toBeUndefined();
  });

  it("blocks an account after the limit, from any IP", async () => {
    const throttle = new LoginThrottle(limits);
    await fail(throttle, "alice@example.com", "198.51.100.1", 3);
    for (const ip of ["198.51.100.1", "203.0.113.9", null]) {
      const error = await throttle.assertAllowed("alice@example.com", ip).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LoginThrottledError);
      expect((error as LoginThrottledError).message).toContain("Try again in");
    }
  });

  it("reports when to retry", async () => {
    const throttle = new LoginThrottle(limits);
    await fail(throttle, "alice@example.com", null, 3);
    const error = (await throttle.assertAllowed("alice@example.com", null).catch((caught: unknown) => caught)) as LoginThrottledError;
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
  });

  it("does not block other accounts", async () => {
    const throttle = new LoginThrottle(limits);
    await fail(throttle, "alice@example.com", "198.51.100.1", 3);
    await expect(throttle.assertAllowed("bob@example.com", "203.0.113.9")).resolves.toBeUndefined();
  });

  it("counts an account case-insensitively", async () => {
    const throttle = new LoginThrottle(limits);
    await throttle.recordFailure("Alice@Example.com", null);
    await throttle.recordFailure("ALICE@EXAMPLE.COM", null);
    await throttle.recordFailure(" alice@example.com ", null);
    await expect(throttle.assertAllowed("alice@example.com", null)).rejects.toBeInstanceOf(LoginThrottledError);
  });

  it("resets the account counter on success", async () => {
    const throttle = new LoginThrottle(limits);
    await fail(throttle, "alice@example.com", null, 3);
    await throttle.recordSuccess("ALICE@example.com");
    await expect(throttle.assertAllowed("alice@example.com", null)).resolves.toBeUndefined();
    await fail(throttle, "alice@example.com", null, 2);
    await expect(throttle.assertAllowed("alice@example.com", null)).resolves.toBeUndefined();
  });

  it("limits an IP across accounts", async () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) await throttle.recordFailure(`user${i}@example.com`, "198.51.100.1");
    await expect(throttle.assertAllowed("fresh@example.com", "198.51.100.1")).rejects.toThrow("Try again in");
    await expect(throttle.assertAllowed("fresh@example.com", "203.0.113.9")).resolves.toBeUndefined();
  });

  it("allows an IP below its limit", async () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 4; i++) await throttle.recordFailure(`user${i}@example.com`, "198.51.100.1");
    await expect(throttle.assertAllowed("fresh@example.com", "198.51.100.1")).resolves.toBeUndefined();
  });

  it("success does not reset the IP counter", async () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) await throttle.recordFailure(`user${i}@example.com`, "198.51.100.1");
    await throttle.recordSuccess("user0@example.com");
    await expect(throttle.assertAllowed("user0@example.com", "198.51.100.1")).rejects.toBeInstanceOf(LoginThrottledError);
  });

  it("checks only the account when the IP is unknown", async () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) await throttle.recordFailure(`user${i}@example.com`, "198.51.100.1");
    await expect(throttle.assertAllowed("fresh@example.com", null)).resolves.toBeUndefined();
    await fail(throttle, "fresh@example.com", null, 3);
    await expect(throttle.assertAllowed("fresh@example.com", null)).rejects.toBeInstanceOf(LoginThrottledError);
  });

  it("uses the default limits when none are given", () => {
    expect(new LoginThrottle().limits).toEqual(DEFAULT_LIMITS);
  });
});

describe("LoginThrottledError", () => {
  it("rounds up to whole minutes", () => {
    expect(new LoginThrottledError(1).message).toContain("Try again in 1 minute.");
    expect(new LoginThrottledError(61).message).toContain("Try again in 2 minutes.");
    expect(new LoginThrottledError(900).message).toContain("Try again in 15 minutes.");
    expect(new LoginThrottledError(900).name).toBe("LoginThrottledError");
  });

  it("gives an address its point back for a password that still needs its code, not the account", async () => {
    const throttle = new LoginThrottle(limits);
    for (let i = 0; i < 5; i++) {
      await throttle.reserveAttempt(`user${i}@example.com`, "198.51.100.1");
      await throttle.releaseAddress("198.51.100.1");
    }
    await expect(throttle.assertAllowed("other@example.com", "198.51.100.1")).resolves.toBeUndefined();
    await fail(throttle, "alice@example.com", null, 2);
    await throttle.releaseAddress(null);
    await throttle.reserveAttempt("alice@example.com", null);
    await expect(throttle.assertAllowed("alice@example.com", null)).rejects.toBeInstanceOf(LoginThrottledError);
  });
});
