// Many devices at once for the list's EXPLAIN checks (lib/db/device-list.int.test.ts and
// scripts/explain-device-list.ts): `users` owners with `devicesPerUser` devices each, inserted in
// two statements, with varied stats (a fifth never connected), then VACUUM ANALYZE so plans are realistic.
import { Prisma } from "../lib/generated/prisma/client";
import type { Db } from "../lib/db/client";

export async function seedManyDevices(db: Db, { users, devicesPerUser }: { users: number; devicesPerUser: number }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO users (id, email, role, updated_at)
    SELECT gen_random_uuid(), format('owner%s@example%s.test', n, n % 7), 'unprivileged', now() FROM generate_series(1, ${users}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO devices (id, user_id, name, public_key, ipv4, ipv6, rx_bytes, tx_bytes, latest_handshake_at, stats_updated_at, rx_bytes_per_second, tx_bytes_per_second, updated_at)
    SELECT gen_random_uuid(), owner.id, format('device-%s', n), encode(sha256(n::text::bytea), 'base64'),
           '10.64.0.0'::inet + n, 'fd00:64::'::inet + n, (n * 7919) % 1000000007, (n * 104729) % 1000000007,
           CASE WHEN n % 5 = 0 THEN NULL ELSE now() - make_interval(secs => (n * 37) % 172800) END,
           now(), n % 1000, n % 997, now()
    FROM (SELECT row_number() OVER (ORDER BY u.email, k) AS n, u.id FROM users u CROSS JOIN generate_series(1, ${devicesPerUser}::int) AS k
          WHERE u.email LIKE 'owner%@example%.test') AS owner`;
  // VACUUM too: it moves the bulk insert out of the GIN indexes' pending lists, as autovacuum would.
  await db.$executeRawUnsafe("VACUUM ANALYZE users, devices");
}

export interface PlanSummary {
  /** Every index the plan reads, in plan order. */
  indexes: string[];
  /** Node types, e.g. "Index Scan", "Seq Scan", "Sort". */
  nodes: string[];
  /** Tables read whole (Seq Scan). */
  seqScans: string[];
  executionMs: number;
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE) of `statement`, boiled down to the indexes and nodes it used and its time. */
export async function explain(db: Db, statement: Prisma.Sql): Promise<PlanSummary> {
  const [row] = await db.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>>`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`;
  const [{ Plan: plan, "Execution Time": executionMs }] = row!["QUERY PLAN"] as [{ Plan: PlanNode; "Execution Time": number }];
  const indexes: string[] = [];
  const nodes: string[] = [];
  const seqScans: string[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node["Node Type"]);
    if (node["Node Type"] === "Seq Scan") seqScans.push(node["Relation Name"] ?? "?");
    if (node["Index Name"]) indexes.push(node["Index Name"]);
    node.Plans?.forEach(walk);
  };
  walk(plan);
  return { indexes, nodes, seqScans, executionMs };
}
