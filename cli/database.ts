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

/** Runs `prisma migrate deploy` with the project's prisma.config.ts (Wasm schema engine, no download). */
export function applyMigrations(databaseUrl: string): string {
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  const projectRoot = resolve(dirname(new URL(import.meta.url).pathname), "..");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    const lastLines = output.trim().split("\n").slice(-5).join(" | ");
    throw new Error(`applying migrations failed: ${lastLines}`);
  }
  return /No pending migrations/.test(output) ? "Database schema is up to date." : "Applied pending database migrations.";
}
