// What the upgrade test compares before and after: tables, their rows, Prisma's migration records
// and the schema itself, read from the catalog so a table or column added later is covered too.
import type pg from "pg";

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** The application's tables with their columns (Prisma's own bookkeeping table left out). */
export async function listTables(client: pg.Client): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ table: string; columns: string[] }>(`
    SELECT c.table_name AS "table", array_agg(c.column_name::text ORDER BY c.column_name) AS "columns"
    FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'
    GROUP BY c.table_name ORDER BY c.table_name`);
  return new Map(rows.map((row) => [row.table, row.columns]));
}

export async function countRows(client: pg.Client, tables: Iterable<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${quote(table)}`);
    counts[table] = rows[0]!.count;
  }
  return counts;
}

/**
 * Every row of `table` as canonical JSON text of the given columns only (so columns added later do
 * not count), sorted. Text, not parsed JSON: 64-bit counters keep every digit.
 */
export async function readRows(client: pg.Client, table: string, columns: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ row: string }>(
    `SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(t)) WHERE key = ANY ($1::text[]))::text AS row FROM ${quote(table)} t`,
    [columns],
  );
  return rows.map((row) => row.row).sort();
}

export interface MigrationRecord {
  id: string;
  name: string;
  checksum: string;
  startedAt: string;
  finishedAt: string | null;
  rolledBackAt: string | null;
  appliedSteps: number;
}

export async function readMigrationRecords(client: pg.Client): Promise<MigrationRecord[]> {
  const { rows } = await client.query<MigrationRecord>(`
    SELECT id, migration_name AS name, checksum, started_at::text AS "startedAt", finished_at::text AS "finishedAt",
           rolled_back_at::text AS "rolledBackAt", applied_steps_count AS "appliedSteps"
    FROM _prisma_migrations ORDER BY migration_name, started_at`);
  return rows;
}

/** The schema as sorted lines: columns, constraints, indexes, triggers, functions and enums. */
export async function describeSchema(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ line: string }>(`
    SELECT concat_ws(' ', 'column', table_name, column_name, udt_name, is_nullable, column_default) AS line
      FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT concat_ws(' ', 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid))
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'index', indexdef) FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT concat_ws(' ', 'trigger', pg_get_triggerdef(oid)) FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
    UNION ALL
    SELECT concat_ws(' ', 'function', pg_get_functiondef(oid)) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT concat_ws(' ', 'enum', typname, (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = pg_type.oid))
      FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'`);
  return rows.map((row) => row.line).sort();
}
