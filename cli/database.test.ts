import { describe, expect, it } from "vitest";
import { describeMigrationFailure } from "./database";

// What the Prisma 6.19 CLI (Wasm schema engine) printed for a failing upgrade, as seen here.
const NULL_COLUMN_ON_EXISTING_ROWS = `19 migrations found in prisma/migrations

Error: external connector error
Null constraint failed: 
   0: sql_schema_connector::apply_migration::apply_script
           with migration_name="20261206000000_tmp_drop"
             at schema-engine/connectors/sql-schema-connector/src/apply_migration.rs:113
   1: schema_commands::commands::apply_migrations::Applying migration
           with migration_name="20261206000000_tmp_drop"
             at schema-engine/commands/src/commands/apply_migrations.rs:95
   2: schema_engine_wasm::wasm::engine::ApplyMigrations
             at schema-engine/schema-engine-wasm/src/wasm/engine.rs:167
`;

const EARLIER_FAILURE_RECORDED = `19 migrations found in prisma/migrations

Error: P3009

migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve
The \`20261206000000_tmp_drop\` migration started at 2026-12-06 21:23:28.516 UTC failed

`;

describe("describeMigrationFailure", () => {
  it("gives the reason and the migration, not the engine's stack trace", () => {
    expect(describeMigrationFailure(NULL_COLUMN_ON_EXISTING_ROWS)).toBe("Error: external connector error | Null constraint failed: (migration 20261206000000_tmp_drop)");
  });

  it("keeps Prisma's advice when an earlier attempt failed", () => {
    expect(describeMigrationFailure(EARLIER_FAILURE_RECORDED)).toBe(
      "Error: P3009 | migrate found failed migrations in the target database, new migrations will not be applied. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve | The `20261206000000_tmp_drop` migration started at 2026-12-06 21:23:28.516 UTC failed",
    );
  });

  it("falls back to the last lines of output it does not recognise", () => {
    expect(describeMigrationFailure("a\nb\nc\nd\ne\nf\ng\n")).toBe("c | d | e | f | g");
  });
});
