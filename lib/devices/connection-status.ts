// When a device counts as connected or idle: the status dot and the list's status sort agree on it.

/** Connected ("online") while the last handshake is younger than this (WireGuard re-keys every 2 minutes). */
export const ONLINE_WITHIN_MS = 2 * 60_000;
/** Idle while younger than this; older or never: not connected. */
export const IDLE_WITHIN_MS = 5 * 60_000;
