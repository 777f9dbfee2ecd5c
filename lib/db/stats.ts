// The stats loop's queries: a constant number of statements per cycle whatever the peer count
// (one read of every device, one bulk update of the rows that changed, one status upsert).
// Counters travel as text and timestamps as epoch milliseconds, so nothing passes through Number
// or a time zone on the way.
import type { Db } from "./client";

/** PostgreSQL's bigint is signed: WireGuard's u64 counters saturate there at 8 EiB (metrics keep them exact). */
export const MAX_STORED_COUNTER = (1n << 63n) - 1n;

export function toStoredCounter(value: bigint): bigint {
  return value > MAX_STORED_COUNTER ? MAX_STORED_COUNTER : value;
}

export interface StoredPeerStats {
  id: string;
  publicKey: string;
  name: string;
  email: string;
  rx: string;
  tx: string;
  handshakeMs: number | null;
  remoteEndpoint: string | null;
  rxRate: number | null;
  txRate: number | null;
  statsUpdatedMs: number | null;
}

export interface PeerStatsUpdate {
  id: string;
  rx: bigint;
  tx: bigint;
  handshakeMs: number | null;
  remoteEndpoint: string | null;
  rxRate: number | null;
  txRate: number | null;
}

export function loadPeerStats(db: Db): Promise<StoredPeerStats[]> {
  return db.$queryRaw<StoredPeerStats[]>`
    SELECT d.id::text AS "id", d.public_key AS "publicKey", d.name AS "name", u.email AS "email",
           d.rx_bytes::text AS "rx", d.tx_bytes::text AS "tx",
           (extract(epoch FROM d.latest_handshake_at) * 1000)::float8 AS "handshakeMs",
           d.remote_endpoint AS "remoteEndpoint",
           d.rx_bytes_per_second AS "rxRate", d.tx_bytes_per_second AS "txRate",
           (extract(epoch FROM d.stats_updated_at) * 1000)::float8 AS "statsUpdatedMs"
    FROM devices d JOIN users u ON u.id = d.user_id`;
}

/**
 * Changes whenever a device is added, removed or edited, or an owner's email changes (emails label
 * the metrics). Stats writes leave updated_at alone, and sign-ins (which touch users.updated_at)
 * do not count either.
 */
export async function loadDevicesVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<Array<{ version: string }>>`
    SELECT concat_ws('/', count(*), max(d.updated_at), sum(hashtext(u.email))) AS "version"
    FROM devices d JOIN users u ON u.id = d.user_id`;
  return row?.version ?? "";
}

/** One UPDATE for every changed row; timestamps are stored as UTC like Prisma's. */
export async function writePeerStats(db: Db, updates: readonly PeerStatsUpdate[], atMs: number): Promise<number> {
  if (updates.length === 0) return 0;
  return db.$executeRaw`
    UPDATE devices AS d SET
      rx_bytes = v.rx::bigint,
      tx_bytes = v.tx::bigint,
      latest_handshake_at = to_timestamp(v.handshake_ms / 1000.0) AT TIME ZONE 'UTC',
      remote_endpoint = v.endpoint,
      rx_bytes_per_second = v.rx_rate,
      tx_bytes_per_second = v.tx_rate,
      stats_updated_at = to_timestamp(${atMs}::float8 / 1000.0) AT TIME ZONE 'UTC'
    FROM unnest(
      ${updates.map((update) => update.id)}::uuid[],
      ${updates.map((update) => toStoredCounter(update.rx).toString())}::text[],
      ${updates.map((update) => toStoredCounter(update.tx).toString())}::text[],
      ${updates.map((update) => update.handshakeMs)}::float8[],
      ${updates.map((update) => update.remoteEndpoint)}::text[],
      ${updates.map((update) => update.rxRate)}::float8[],
      ${updates.map((update) => update.txRate)}::float8[]
    ) AS v(id, rx, tx, handshake_ms, endpoint, rx_rate, tx_rate)
    WHERE d.id = v.id`;
}

export interface CycleStatus {
  interfaceName: string;
  source: "collector" | "web";
  pollIntervalSeconds: number;
  /** Set when the cycle completed. */
  cycle?: { at: Date; durationMs: number; peersOnInterface: number; peersConnected: number };
  /** Set when it failed (or completed with a problem worth showing). */
  error?: { at: Date; message: string };
  push?: { lastPushAt: Date | null; lastError: string | null; buffered: number };
}

export function recordCycleStatus(db: Db, status: CycleStatus) {
  const { cycle, error, push } = status;
  const values = {
    source: status.source,
    pollIntervalSeconds: status.pollIntervalSeconds,
    updatedAt: new Date(),
    ...(cycle && {
      lastCycleAt: cycle.at,
      lastCycleDurationMs: Math.round(cycle.durationMs),
      peersOnInterface: cycle.peersOnInterface,
      peersConnected: cycle.peersConnected,
    }),
    ...(error ? { lastErrorAt: error.at, lastError: error.message.slice(0, 2000) } : cycle ? { lastError: null } : {}),
    ...(push && { lastPushAt: push.lastPushAt, lastPushError: push.lastError, bufferedPushes: push.buffered }),
  };
  return db.collectorStatus.upsert({ where: { interfaceName: status.interfaceName }, create: { interfaceName: status.interfaceName, ...values }, update: values });
}

export function getCollectorStatus(db: Db, interfaceName: string) {
  return db.collectorStatus.findUnique({ where: { interfaceName } });
}
