// The admin device list: one page of devices, sorted and searched in PostgreSQL, plus the total.
// Raw SQL because two sorts are expressions (status, traffic) and the search is a union of index
// lookups; every fragment that is not a bound parameter comes from the fixed tables below.
// Indexes: migration 20261206200100_device_list_indexes (README, "Devices" has the plans).
import { Prisma } from "../generated/prisma/client";
import { IDLE_WITHIN_MS, ONLINE_WITHIN_MS } from "../devices/connection-status";
import type { DeviceListParams, DeviceSort } from "../devices/list-params";
import type { Db } from "./client";

/** What one row of the list shows, and no more. */
export interface DeviceListRow {
  id: string;
  userId: string;
  email: string;
  name: string;
  description: string;
  ipv4: string | null;
  ipv6: string | null;
  /** Decimal 64-bit counters. */
  rxBytes: string;
  txBytes: string;
  rxBytesPerSecond: number | null;
  txBytesPerSecond: number | null;
  latestHandshakeAt: Date | null;
  statsUpdatedAt: Date | null;
}

/** LIKE treats %, _ and the backslash specially: a search for "a_b" means those three characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Timestamps are stored as UTC without a zone (Prisma's DateTime): compare with epoch milliseconds. */
const utc = (ms: number) => Prisma.sql`(to_timestamp(${ms}::float8 / 1000) AT TIME ZONE 'UTC')`;

/** 0 connected, 1 idle, 2 not connected (or never), 3 no stats yet: as the status dot says it. */
function statusRank(now: Date) {
  return Prisma.sql`CASE WHEN d.stats_updated_at IS NULL THEN 3
    WHEN d.latest_handshake_at > ${utc(now.getTime() - ONLINE_WITHIN_MS)} THEN 0
    WHEN d.latest_handshake_at > ${utc(now.getTime() - IDLE_WITHIN_MS)} THEN 1
    ELSE 2 END`;
}

/**
 * ORDER BY for each sort. Every order ends in the device id, so rows that tie keep one order from
 * page to page. Name and owner run both ways down an index; the stats sorts name then id for ties.
 */
function orderBy(sort: DeviceSort, dir: "asc" | "desc", now: Date): Prisma.Sql {
  const d = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  const thenByName = Prisma.raw("d.name ASC, d.id ASC");
  switch (sort) {
    case "name":
      return Prisma.sql`d.name ${d}, d.id ${d}`;
    case "owner":
      return Prisma.sql`u.email ${d}, d.name ${d}, d.id ${d}`;
    case "status":
      return Prisma.sql`${statusRank(now)} ${d}, ${thenByName}`;
    case "handshake":
      // Never is the oldest: first when oldest come first, last when newest do.
      return Prisma.sql`d.latest_handshake_at ${d} ${Prisma.raw(dir === "asc" ? "NULLS FIRST" : "NULLS LAST")}, ${thenByName}`;
    case "traffic":
      // float8: a bigint sum of two saturated counters (lib/db/stats.ts) would overflow, numeric
      // sorts 10,000 rows three times slower. Totals beyond 2^53 bytes (8 PiB) that round alike tie.
      return Prisma.sql`(d.rx_bytes::float8 + d.tx_bytes::float8) ${d}, ${thenByName}`;
  }
}

/**
 * Devices whose name or owner's email contains `q` (case-insensitive, trigram indexes), or whose
 * public key or address starts with it. A union of index lookups: an OR across the join with users
 * would scan every device (17 ms against 1 ms at 10,000 devices).
 */
function searchFilter(q: string): Prisma.Sql {
  const contains = `%${escapeLike(q)}%`;
  const keyPrefix = `${escapeLike(q)}%`;
  const addressPrefix = `${escapeLike(q.toLowerCase())}%`;
  return Prisma.sql`d.id IN (
    SELECT id FROM devices WHERE name ILIKE ${contains}
    UNION SELECT owned.id FROM devices owned JOIN users owner ON owner.id = owned.user_id WHERE owner.email ILIKE ${contains}
    UNION SELECT id FROM devices WHERE public_key LIKE ${keyPrefix}
    UNION SELECT id FROM devices WHERE host(ipv4) LIKE ${addressPrefix}
    UNION SELECT id FROM devices WHERE host(ipv6) LIKE ${addressPrefix})`;
}

function whereClause(params: Pick<DeviceListParams, "q" | "userId">): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (params.userId) conditions.push(Prisma.sql`d.user_id = ${params.userId}::uuid`);
  if (params.q) conditions.push(searchFilter(params.q));
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/**
 * The two statements of a page, exported for the EXPLAIN checks (test and scripts/explain-device-list.ts).
 * The page picks its ids first and reads the rows' columns only for those: a sort without an index
 * would otherwise build every row's output before sorting (20 ms instead of 7 at 10,000 devices).
 */
export function deviceListStatements(params: DeviceListParams, now: Date) {
  const where = whereClause(params);
  const ownerJoin = params.sort === "owner" ? Prisma.sql`JOIN users u ON u.id = d.user_id` : Prisma.empty;
  const page = Prisma.sql`
    SELECT d.id::text AS "id", d.user_id::text AS "userId", u.email AS "email", d.name AS "name", d.description AS "description",
           host(d.ipv4) AS "ipv4", host(d.ipv6) AS "ipv6", d.rx_bytes::text AS "rxBytes", d.tx_bytes::text AS "txBytes",
           d.rx_bytes_per_second AS "rxBytesPerSecond", d.tx_bytes_per_second AS "txBytesPerSecond",
           (extract(epoch FROM d.latest_handshake_at) * 1000)::float8 AS "handshakeMs",
           (extract(epoch FROM d.stats_updated_at) * 1000)::float8 AS "statsUpdatedMs"
    FROM unnest(ARRAY(
      SELECT d.id FROM devices d ${ownerJoin}
      ${where}
      ORDER BY ${orderBy(params.sort, params.dir, now)}
      LIMIT ${params.perPage} OFFSET ${(params.page - 1) * params.perPage}
    )) WITH ORDINALITY AS page(id, position)
    JOIN devices d ON d.id = page.id JOIN users u ON u.id = d.user_id
    ORDER BY page.position`;
  const count = Prisma.sql`SELECT count(*)::int AS "total" FROM devices d ${where}`;
  return { page, count };
}

type PageRow = Omit<DeviceListRow, "latestHandshakeAt" | "statsUpdatedAt"> & { handshakeMs: number | null; statsUpdatedMs: number | null };

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** One page of the list (empty past the last page) and how many devices match in all. */
export async function listDevicePage(db: Db, params: DeviceListParams, now = new Date()): Promise<{ rows: DeviceListRow[]; total: number }> {
  const statements = deviceListStatements(params, now);
  const [rows, [counted]] = await Promise.all([db.$queryRaw<PageRow[]>(statements.page), db.$queryRaw<Array<{ total: number }>>(statements.count)]);
  return {
    rows: rows.map(({ handshakeMs, statsUpdatedMs, ...row }) => ({ ...row, latestHandshakeAt: toDate(handshakeMs), statsUpdatedAt: toDate(statsUpdatedMs) })),
    total: counted?.total ?? 0,
  };
}
