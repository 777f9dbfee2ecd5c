// Failed sign-ins are counted per account and per client IP; past the limit, sign-in is refused
// (even with the right password) until the window passes. Counters live in this process's memory:
// WireGUI runs one web process, and a restart forgets them.
import { RateLimiterMemory } from "rate-limiter-flexible";

export interface ThrottleLimits {
  accountFailures: number;
  ipFailures: number;
  windowSeconds: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { accountFailures: 5, ipFailures: 30, windowSeconds: 15 * 60 };

export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    this.name = "LoginThrottledError";
  }
}

export class LoginThrottle {
  readonly #byAccount: RateLimiterMemory;
  readonly #byIp: RateLimiterMemory;

  constructor(readonly limits: ThrottleLimits = DEFAULT_LIMITS) {
    this.#byAccount = new RateLimiterMemory({ points: limits.accountFailures, duration: limits.windowSeconds });
    this.#byIp = new RateLimiterMemory({ points: limits.ipFailures, duration: limits.windowSeconds });
  }

  /** Throws LoginThrottledError when either counter is exhausted. */
  async assertAllowed(email: string, ip: string | null): Promise<void> {
    const checks: Array<[RateLimiterMemory, string, number]> = [[this.#byAccount, accountKey(email), this.limits.accountFailures]];
    if (ip) checks.push([this.#byIp, ip, this.limits.ipFailures]);
    for (const [limiter, key, limit] of checks) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= limit) throw new LoginThrottledError(Math.ceil(state.msBeforeNext / 1000));
    }
  }

  /**
   * Counts an attempt as a failure before the password is checked, so parallel guesses cannot all
   * pass the check while the first ones are still hashing; recordSuccess gives the point back.
   * Throws LoginThrottledError when the attempt is over either limit.
   */
  async reserveAttempt(email: string, ip: string | null): Promise<void> {
    await this.assertAllowed(email, ip);
    const reservations: Array<[RateLimiterMemory, string]> = [[this.#byAccount, accountKey(email)]];
    if (ip) reservations.push([this.#byIp, ip]);
    for (const [limiter, key] of reservations) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        const msBeforeNext = (rejection as { msBeforeNext?: number }).msBeforeNext ?? this.limits.windowSeconds * 1000;
        throw new LoginThrottledError(Math.ceil(msBeforeNext / 1000));
      }
    }
  }

  /** A failure outside reserveAttempt (e.g. a wrong current password when changing it). */
  async recordFailure(email: string, ip: string | null): Promise<void> {
    // consume() rejects once the limit is passed; the counter is still what matters here.
    await this.#byAccount.consume(accountKey(email)).catch(() => undefined);
    if (ip) await this.#byIp.consume(ip).catch(() => undefined);
  }

  /**
   * A correct password whose account still needs its TOTP code: the address gets its point back
   * (many people behind one NAT), the account keeps it until the code is right.
   */
  async releaseAddress(ip: string | null): Promise<void> {
    if (ip) await this.#byIp.reward(ip, 1);
  }

  async recordSuccess(email: string, ip: string | null = null): Promise<void> {
    await this.#byAccount.delete(accountKey(email));
    if (ip) await this.#byIp.reward(ip, 1);
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

const globalCache = globalThis as unknown as { wireguiLoginThrottle?: LoginThrottle };

export function getLoginThrottle(): LoginThrottle {
  globalCache.wireguiLoginThrottle ??= new LoginThrottle();
  return globalCache.wireguiLoginThrottle;
}
