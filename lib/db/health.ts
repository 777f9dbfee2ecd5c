import { errorMessage } from "../log";
import type { Db } from "./client";

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export async function findLatestMigration(db: Db): Promise<{ name: string; finishedAt: Date | null } | null> {
  const rows = await db.$queryRaw<Array<{ name: string; finishedAt: Date | null }>>`
    SELECT migration_name AS "name", finished_at AS "finishedAt" FROM _prisma_migrations ORDER BY started_at DESC LIMIT 1`;
  return rows[0] ?? null;
}

export type DatabaseCheck = { reachable: true; latencyMs: number } | { reachable: false; reason: string };

/** One round trip (SELECT 1), timed. */
export async function measureDatabase(db: Db): Promise<DatabaseCheck> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return { reachable: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { reachable: false, reason: errorMessage(error) };
  }
}
