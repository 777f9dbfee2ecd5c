// Connection state and traffic rates from WireGuard's counters, shared by the stats loop, the
// metrics it pushes and the pages that show them.

/** WireGuard re-handshakes every 2 minutes while traffic flows; 180 s without one means gone. */
export const CONNECTED_WITHIN_SECONDS = 180;

export function isConnected(latestHandshakeMs: number | null, nowMs: number): boolean {
  return latestHandshakeMs !== null && latestHandshakeMs > 0 && nowMs - latestHandshakeMs < CONNECTED_WITHIN_SECONDS * 1000;
}

/** 8 Tbit/s: no WireGuard peer moves more, so a larger rate means a bogus reading, not traffic. */
export const MAX_PLAUSIBLE_BYTES_PER_SECOND = 1e12;

/**
 * Bytes per second between two readings of a counter. A counter that went down was reset (the
 * interface restarted or the peer was re-added): everything it counts now was counted since then,
 * so the current value is the increase, as Prometheus' rate() assumes. Never negative; null (unknown)
 * when no time passed or the result is implausible.
 */
export function counterRate(previous: bigint, current: bigint, seconds: number): number | null {
  if (!(seconds > 0)) return null;
  const increase = current >= previous ? current - previous : current;
  const rate = Number(increase) / seconds;
  return rate > MAX_PLAUSIBLE_BYTES_PER_SECOND ? null : rate;
}
