import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import pg from "pg";

/** Connects once with a short timeout, so a wrong DATABASE_URL fails in seconds with the reason. */
export async function checkDatabaseConnection(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const url = new URL(databaseUrl);
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(`cannot connect to the database at ${url.hostname}:${url.port || 5432}${url.pathname}: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const defaultProjectRoot = resolve(dirname(new URL(import.meta.url).pathname), "..");

/**
 * Runs `prisma migrate deploy` with the prisma.config.ts (Wasm schema engine, no download) and
 * prisma/ folder of `projectRoot`: this project's, or another release's (the upgrade test).
 */
export function applyMigrations(databaseUrl: string, projectRoot = defaultProjectRoot): string {
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`applying migrations failed: ${describeMigrationFailure(output)}`);
  return /No pending migrations/.test(output) ? "Database schema is up to date." : "Applied pending database migrations.";
}

const ENGINE_STACK_FRAME = /^(\d+: |with |at )/;

/**
 * Prisma's error and reason without the schema engine's stack trace (which would otherwise fill
 * the message), and the migration that failed: what an operator needs when an upgrade stops.
 */
export function describeMigrationFailure(output: string): string {
  const lines = output.trim().split("\n").map((line) => line.trim());
  const errorAt = lines.findIndex((line) => /^Error\b/.test(line));
  const reason = (errorAt >= 0 ? lines.slice(errorAt) : lines.slice(-5)).filter((line) => line && !ENGINE_STACK_FRAME.test(line));
  const migration = /migration_name="([^"]+)"/.exec(output)?.[1];
  return `${reason.join(" | ")}${migration ? ` (migration ${migration})` : ""}`;
}
