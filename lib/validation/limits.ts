// Size limits of users, devices and the client defaults, written once: their zod schemas use them
// for field errors. Other domains keep theirs beside their schemas (API token and MFA names, rule
// descriptions, SSO providers). The migration 20261204200500_limits repeats all of them as CHECK
// constraints, so a writer that skips the schemas cannot store more either; lib/db/limits.int.test.ts
// checks the two agree.

/** RFC 5321 caps a forward path at 256 octets, brackets included: 254 for the address itself. */
export const EMAIL_MAX_LENGTH = 254;
/** A display name from single sign-on; longer ones are cut, not refused. */
export const USER_NAME_MAX_LENGTH = 200;
export const DEVICE_NAME_MAX_LENGTH = 64;
export const DEVICE_DESCRIPTION_MAX_LENGTH = 500;
/** A 253-character host name, a colon and a 5-digit port. */
export const ENDPOINT_MAX_LENGTH = 259;
/** Allowed IPs per device or in the client defaults: WireGuard routes each one. */
export const ALLOWED_IPS_MAX_ENTRIES = 64;
/** DNS servers per device or in the client defaults: resolvers use the first few anyway. */
export const DNS_MAX_ENTRIES = 8;

/** Devices an unprivileged user may own (Settings → Security → Limits); admins are exempt. */
export const DEFAULT_MAX_DEVICES_PER_USER = 10;
export const MAX_DEVICES_PER_USER_RANGE = { min: 1, max: 1000 } as const;

export const tooLong = (max: number) => `must be at most ${max} characters`;
export const tooMany = (max: number, what: string) => `must be at most ${max} ${what}`;
