// The sign-in throttle's counters, in PostgreSQL: every web process sees the same failures, and a
// restart forgets none. One row per failure (sign_in_failures), so the hourly ceilings are exact
// over any 60 minutes; the limits themselves are in ./throttle-policy.ts.
//
// An attempt is counted as a failure before the password is checked (a reservation), under advisory
// locks on its account and its address, so parallel guesses cannot all pass the check while the
// first ones are still hashing. A right password takes the reservation back.
import type { Db } from "../db/client";
import { DEFAULT_LIMITS, LoginThrottledError, requiredWait, type ThrottleLimits } from "./throttle-policy";

export { DEFAULT_LIMITS, LoginThrottledError, type ThrottleLimits } from "./throttle-policy";

/** A counted attempt: release it when it turned out not to be a failure. */
export interface Reservation {
  id: bigint;
}

interface StateRow {
  key_failures: number;
  key_last: Date | null;
  account_failures: number;
  account_release: Date | null;
  ip_failures: number;
  ip_release: Date | null;
  is_known: boolean;
  now: Date;
}

// Waits sized for bursts of parallel attempts queueing on one account's lock.
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 };

export class LoginThrottle {
  constructor(
    private readonly db: Db,
    readonly limits: ThrottleLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Counts the attempt as a failure, or throws LoginThrottledError (counting nothing) when a limit
   * says wait. `ip` null is an unknown address: its own key, and no address ceiling.
   */
  async reserveAttempt(email: string, ip: string | null): Promise<Reservation> {
    const account = accountKey(email);
    const limits = this.limits;
    return this.db.$transaction(async (tx) => {
      // Always account first, then address: no two attempts wait on each other in a cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`wiregui.sign_in.account:${account}`}, 0))`;
      if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`wiregui.sign_in.ip:${ip}`}, 0))`;
      // localtimestamp, like the column's default: the same clock and type on both sides.
      const [state] = await tx.$queryRaw<StateRow[]>`
        WITH key_rows AS (
          SELECT created_at FROM sign_in_failures
          WHERE account = ${account} AND ip IS NOT DISTINCT FROM ${ip}::text
            AND created_at > localtimestamp - ${limits.keyMemoryMs} * interval '1 millisecond'
        ), account_rows AS (
          SELECT created_at FROM sign_in_failures WHERE account = ${account} AND created_at > localtimestamp - interval '1 hour'
        ), ip_rows AS (
          SELECT created_at FROM sign_in_failures WHERE ip = ${ip}::text AND created_at > localtimestamp - interval '1 hour'
        )
        SELECT
          (SELECT count(*)::int FROM key_rows) AS key_failures,
          (SELECT max(created_at) FROM key_rows) AS key_last,
          (SELECT count(*)::int FROM account_rows) AS account_failures,
          (SELECT created_at FROM account_rows ORDER BY created_at
             OFFSET greatest(0, (SELECT count(*) FROM account_rows) - ${limits.accountFailuresPerHour}) LIMIT 1) AS account_release,
          (SELECT count(*)::int FROM ip_rows) AS ip_failures,
          (SELECT created_at FROM ip_rows ORDER BY created_at
             OFFSET greatest(0, (SELECT count(*) FROM ip_rows) - ${limits.ipFailuresPerHour}) LIMIT 1) AS ip_release,
          EXISTS (
            SELECT 1 FROM sign_in_known_addresses
            WHERE account = ${account} AND ip = ${ip}::text
              AND last_sign_in_at > localtimestamp - ${limits.knownAddressMs} * interval '1 millisecond'
          ) AS is_known,
          localtimestamp AS now`;
      const wait = requiredWait(
        {
          keyFailures: state!.key_failures,
          keyLastFailureAt: state!.key_last,
          accountFailures: state!.account_failures,
          accountReleaseAt: state!.account_release,
          ipFailures: state!.ip_failures,
          ipReleaseAt: state!.ip_release,
          isKnownAddress: state!.is_known,
          now: state!.now,
        },
        limits,
      );
      if (wait) throw new LoginThrottledError(Math.ceil(wait.waitMs / 1000), wait.reason);
      const [row] = await tx.$queryRaw<Array<{ id: bigint }>>`
        INSERT INTO sign_in_failures (account, ip, created_at) VALUES (${account}, ${ip}::text, localtimestamp) RETURNING id`;
      return { id: row!.id };
    }, TRANSACTION_OPTIONS);
  }

  /**
   * The attempt was neither a failure nor a success (a right password whose account still needs its
   * code): only this attempt is taken back, the key's earlier failures stay.
   */
  async release(reservation: Reservation): Promise<void> {
    await this.db.$executeRaw`DELETE FROM sign_in_failures WHERE id = ${reservation.id}`;
  }

  /** A sign-in: the key's failures are forgiven and the address becomes known for the account. */
  async recordSuccess(email: string, ip: string | null): Promise<void> {
    const account = accountKey(email);
    await this.db.$executeRaw`DELETE FROM sign_in_failures WHERE account = ${account} AND ip IS NOT DISTINCT FROM ${ip}::text`;
    if (ip) {
      await this.db.$executeRaw`
        INSERT INTO sign_in_known_addresses (account, ip, last_sign_in_at) VALUES (${account}, ${ip}, localtimestamp)
        ON CONFLICT (account, ip) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at`;
    }
  }
}

/** Drops failures no limit looks at any more and addresses not used for the known-address period. */
export async function pruneSignInThrottle(db: Db, limits: ThrottleLimits = DEFAULT_LIMITS): Promise<{ failures: number; knownAddresses: number }> {
  const oldestUseful = Math.max(limits.keyMemoryMs, 60 * 60 * 1000);
  const failures = await db.$executeRaw`DELETE FROM sign_in_failures WHERE created_at <= localtimestamp - ${oldestUseful} * interval '1 millisecond'`;
  const knownAddresses = await db.$executeRaw`
    DELETE FROM sign_in_known_addresses WHERE last_sign_in_at <= localtimestamp - ${limits.knownAddressMs} * interval '1 millisecond'`;
  return { failures, knownAddresses };
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}
