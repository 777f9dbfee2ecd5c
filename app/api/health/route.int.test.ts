import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterAll(() => database.drop());

async function healthWith(databaseUrl: string) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", databaseUrl);
  vi.stubEnv("AUTH_SECRET", "h".repeat(40));
  const { GET } = await import("./route");
  const response = await GET();
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("GET /api/health", () => {
  it("answers ok while the database is reachable", async () => {
    expect(await healthWith(database.url)).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("answers 503 when the database is not", async () => {
    expect(await healthWith("postgresql://postgres@127.0.0.1:1/nowhere")).toEqual({ status: 503, body: { status: "error", error: "database unreachable" } });
  });
});
