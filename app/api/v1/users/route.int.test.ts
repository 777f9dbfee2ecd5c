// GET /api/v1/users through the real route handler with real session cookies: everyone for
// administrators, or (with q) the first ten matches, which the Add device form suggests as owners.
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/database";
import { callRoute, sessionCookieFor } from "../../../../test/route-request";
import { createUser } from "@/lib/db/users";

const SECRET = "users-route-secret-users-route-secret-usr";
let database: TestDatabase;
let route: typeof import("./route");
let adminCookie: string;
let userCookie: string;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("EXTERNAL_URL", "http://127.0.0.1:3999");
  const admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
  const user = await createUser(database.db, { email: "user@example.com", passwordHash: null, role: "unprivileged" });
  for (let index = 1; index <= 12; index += 1) await createUser(database.db, { email: `owner${String(index).padStart(2, "0")}@corp.test`, passwordHash: null, role: "unprivileged" });
  adminCookie = await sessionCookieFor(database.db, SECRET, admin);
  userCookie = await sessionCookieFor(database.db, SECRET, user);
  route = await import("./route");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.drop();
});

async function get(query: string, cookie: string) {
  const response = await callRoute(route.GET, new Request(`http://127.0.0.1:3999/api/v1/users${query}`, { headers: { cookie } }));
  return { status: response.status, body: (await response.json()) as { users: Array<{ email: string }>; error: string } };
}

it("answers everyone without q, the first ten matches by email with it", async () => {
  expect((await get("", adminCookie)).body.users).toHaveLength(14);
  expect((await get("?q=CORP", adminCookie)).body.users.map((user) => user.email)).toEqual(Array.from({ length: 10 }, (_, index) => `owner${String(index + 1).padStart(2, "0")}@corp.test`));
  expect((await get("?q=owner12", adminCookie)).body.users.map((user) => user.email)).toEqual(["owner12@corp.test"]);
  expect(await get("?q=", adminCookie)).toMatchObject({ status: 400, body: { error: "q: must not be empty" } });
});

it("refuses users with 403, with or without q", async () => {
  expect((await get("?q=corp", userCookie)).status).toBe(403);
  expect((await get("", userCookie)).status).toBe(403);
});
