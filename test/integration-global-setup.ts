// Creates and migrates the template database once per integration run; removes the databases
// this and earlier (interrupted) runs left behind.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { applyMigrations } from "../cli/database";
import { adminUrl, runAsAdmin, TEST_DATABASE_PATTERN, TEST_DATABASE_PREFIX, withDatabase } from "./database";

const baseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
const templateName = `${TEST_DATABASE_PREFIX}_template`;

async function dropLeftovers() {
  const client = new pg.Client({ connectionString: adminUrl(baseUrl) });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [TEST_DATABASE_PATTERN]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  await dropLeftovers();
  await runAsAdmin(baseUrl, `CREATE DATABASE "${templateName}"`);
  const templateUrl = withDatabase(baseUrl, templateName);
  applyMigrations(templateUrl);
  project.provide("templateDatabaseUrl", templateUrl);
  return dropLeftovers;
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}
