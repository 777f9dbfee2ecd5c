// How long a sign-in attempt must wait, from the failures the database counted. Pure, so the numbers
// are tested without a database; lib/auth/login-throttle.ts gathers the counts and keeps them.
//
// Three limits, so a stranger cannot lock the owner out while guessing stays bounded:
// - per account + address: a few free failures, then a delay that doubles with each one (capped);
//   the owner, from another address, has a key of their own;
// - per account and per address: a ceiling of failures per hour (OWASP ASVS 2.2.1: at most 100 per
//   account per hour, whatever the addresses), which holds back every address the account has not
//   signed in from lately, but not the addresses it has (known addresses), so the owner still gets
//   in from home or the office while a stranger elsewhere is at the ceiling.

export interface ThrottleLimits {
  /** Failures per account + address before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An account + address key forgets failures older than this (and every one after a sign-in). */
  keyMemoryMs: number;
  /** Ceilings over the last hour, for pairs that are not known. */
  accountFailuresPerHour: number;
  ipFailuresPerHour: number;
  /** A successful sign-in makes the pair known for this long. */
  knownAddressMs: number;
}

export const HOUR_MS = 60 * 60 * 1000;

export const DEFAULT_LIMITS: ThrottleLimits = {
  freeFailures: 3,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  keyMemoryMs: 24 * HOUR_MS,
  accountFailuresPerHour: 100,
  ipFailuresPerHour: 100,
  knownAddressMs: 30 * 24 * HOUR_MS,
};

/** The wait after `failures` failures of one account + address key: 0, 0, 0, 1 s, 2 s, 4 s … 15 min. */
export function backoffMs(failures: number, limits: ThrottleLimits): number {
  if (failures < limits.freeFailures) return 0;
  const exponent = failures - limits.freeFailures;
  // 2^40 ms is decades: past that the cap applies anyway, and the number stays exact.
  return Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** Math.min(exponent, 40));
}

export interface ThrottleState {
  keyFailures: number;
  /** When the key's last failure was, in the database's clock. */
  keyLastFailureAt: Date | null;
  /** Failures in the last hour, and when the one that must expire before the next attempt was. */
  accountFailures: number;
  accountReleaseAt: Date | null;
  ipFailures: number;
  ipReleaseAt: Date | null;
  isKnownAddress: boolean;
  now: Date;
}

export type ThrottleReason = "backoff" | "account_ceiling" | "address_ceiling";

/** The longest wait any limit asks for, or null when the attempt may go ahead. */
export function requiredWait(state: ThrottleState, limits: ThrottleLimits): { waitMs: number; reason: ThrottleReason } | null {
  const waits: Array<{ waitMs: number; reason: ThrottleReason }> = [];
  if (state.keyLastFailureAt) {
    waits.push({ waitMs: state.keyLastFailureAt.getTime() + backoffMs(state.keyFailures, limits) - state.now.getTime(), reason: "backoff" });
  }
  if (!state.isKnownAddress) {
    if (state.accountFailures >= limits.accountFailuresPerHour && state.accountReleaseAt) {
      waits.push({ waitMs: state.accountReleaseAt.getTime() + HOUR_MS - state.now.getTime(), reason: "account_ceiling" });
    }
    if (state.ipFailures >= limits.ipFailuresPerHour && state.ipReleaseAt) {
      waits.push({ waitMs: state.ipReleaseAt.getTime() + HOUR_MS - state.now.getTime(), reason: "address_ceiling" });
    }
  }
  const longest = waits.filter((wait) => wait.waitMs > 0).sort((a, b) => b.waitMs - a.waitMs)[0];
  return longest ?? null;
}

export class LoginThrottledError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly throttleReason: ThrottleReason = "backoff",
  ) {
    super(`Too many failed sign-in attempts. Try again in ${describeWait(retryAfterSeconds)}.`);
    this.name = "LoginThrottledError";
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} second${whole === 1 ? "" : "s"}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
