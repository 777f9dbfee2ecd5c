// Test databases: one migrated template per run, and a fresh copy of it for each test that needs
// one, so tests own their data and can run in parallel.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../lib/db/client";

/** A checkout running its tests beside another sets its own (letters, digits, underscores). */
export const TEST_DATABASE_PREFIX = process.env.WIREGUI_TEST_DB_PREFIX ?? "wiregui_test";
if (!/^[a-z][a-z0-9_]*$/.test(TEST_DATABASE_PREFIX)) throw new Error(`WIREGUI_TEST_DB_PREFIX must be lower-case letters, digits and underscores, not "${TEST_DATABASE_PREFIX}"`);

/** LIKE pattern for this prefix's databases: "_" is a LIKE wildcard, so it is escaped. */
export const TEST_DATABASE_PATTERN = `${TEST_DATABASE_PREFIX.replaceAll("_", "\\_")}\\_%`;

export function adminUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

export function withDatabase(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runAsAdmin(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A new database cloned from the migrated template (about 100 ms). */
export function createTestDatabase(templateUrl: string): Promise<TestDatabase> {
  const template = new URL(templateUrl).pathname.slice(1);
  return openNewDatabase(templateUrl, `TEMPLATE "${template}"`);
}

/** A new database without even the migrations (the upgrade test applies an older release's). */
export function createEmptyTestDatabase(baseUrl: string): Promise<TestDatabase> {
  return openNewDatabase(baseUrl, "");
}

async function openNewDatabase(baseUrl: string, createOptions: string): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}_${randomBytes(5).toString("hex")}`;
  await runAsAdmin(baseUrl, `CREATE DATABASE "${name}" ${createOptions}`);
  const url = withDatabase(baseUrl, name);
  const db = createDb(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
