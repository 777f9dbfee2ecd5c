import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { runWithRequestContext, USER_AGENT_MAX_LENGTH } from "../request-context";
import { listAuditEvents, recordAuditEvent } from "./audit";
import { createUser, type UserPrincipal } from "./users";

let database: TestDatabase;
let admin: UserPrincipal;

beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
});
afterEach(() => database.drop());

const chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const actor = () => ({ id: admin.id, email: admin.email });
const stored = (id: bigint) => database.db.auditEvent.findUniqueOrThrow({ where: { id } });

describe("recordAuditEvent", () => {
  it("fills the IP address and user agent from the request context", async () => {
    const { id } = await runWithRequestContext({ ip: "127.0.0.1", userAgent: chromium }, () =>
      recordAuditEvent(database.db, { actor: actor(), action: "user.updated", targetType: "user", targetId: admin.id }),
    );
    expect(await stored(id)).toMatchObject({ ip: "127.0.0.1", userAgent: chromium, actorEmail: "admin@example.com", action: "user.updated" });
  });

  it("reaches events recorded inside a transaction started in the context", async () => {
    const { id } = await runWithRequestContext({ ip: "192.0.2.4", userAgent: "agent" }, () =>
      database.db.$transaction((tx) => recordAuditEvent(tx, { actor: null, action: "user.created" })),
    );
    expect(await stored(id)).toMatchObject({ ip: "192.0.2.4", userAgent: "agent" });
  });

  it("lets explicit values win over the context", async () => {
    const { id } = await runWithRequestContext({ ip: "127.0.0.1", userAgent: chromium }, () =>
      recordAuditEvent(database.db, { actor: actor(), action: "auth.sign_in", ip: "203.0.113.9", userAgent: "curl/8.5" }),
    );
    expect(await stored(id)).toMatchObject({ ip: "203.0.113.9", userAgent: "curl/8.5" });
  });

  it("stores nulls outside a request (CLI, collector) and cuts a long explicit user agent", async () => {
    const outside = await recordAuditEvent(database.db, { actor: null, action: "setup.admin_created" });
    expect(await stored(outside.id)).toMatchObject({ ip: null, userAgent: null });
    const long = await recordAuditEvent(database.db, { actor: null, action: "auth.sign_in_failed", userAgent: "u".repeat(2000) });
    expect((await stored(long.id)).userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);
  });

  it("the database refuses a longer user agent written around the helper", async () => {
    await expect(database.db.auditEvent.create({ data: { action: "auth.sign_in", userAgent: "u".repeat(513) } })).rejects.toThrow(/audit_events_user_agent_length/);
  });
});

describe("listAuditEvents", () => {
  async function seed() {
    const bob = await createUser(database.db, { email: "bob@example.com", passwordHash: null, role: "unprivileged" });
    const at = (iso: string) => new Date(iso);
    const rows = [
      { action: "auth.sign_in", actorUserId: admin.id, actorEmail: admin.email, createdAt: at("2026-11-01T08:00:00Z") },
      { action: "user.updated", actorUserId: admin.id, actorEmail: admin.email, targetType: "user", targetId: bob.id, createdAt: at("2026-11-10T12:00:00Z") },
      { action: "user.updated", actorUserId: admin.id, actorEmail: admin.email, targetType: "user", targetId: admin.id, createdAt: at("2026-11-20T23:59:59Z") },
      { action: "auth.sign_in", actorUserId: bob.id, actorEmail: bob.email, createdAt: at("2026-11-21T00:00:00Z") },
      { action: "device.created", actorUserId: bob.id, actorEmail: bob.email, targetType: "device", targetId: "d-1", createdAt: at("2026-11-25T10:00:00Z") },
    ];
    for (const data of rows) await database.db.auditEvent.create({ data });
    return { bob };
  }
  const actions = (result: { rows: Array<{ action: string; createdAt: Date }> }) => result.rows.map((row) => `${row.createdAt.toISOString().slice(0, 10)} ${row.action}`);

  it("lists newest first with the total", async () => {
    await seed();
    const result = await listAuditEvents(database.db, { filter: {}, page: 1 });
    expect(result.total).toBe(5);
    expect(actions(result)).toEqual(["2026-11-25 device.created", "2026-11-21 auth.sign_in", "2026-11-20 user.updated", "2026-11-10 user.updated", "2026-11-01 auth.sign_in"]);
    expect(typeof result.rows[0]!.id).toBe("string");
  });

  it("filters by part of the actor's email, any case", async () => {
    await seed();
    const result = await listAuditEvents(database.db, { filter: { actorEmail: "BOB@" }, page: 1 });
    expect(result.total).toBe(2);
    expect(result.rows.every((row) => row.actorEmail === "bob@example.com")).toBe(true);
  });

  it("filters by action", async () => {
    await seed();
    expect(actions(await listAuditEvents(database.db, { filter: { action: "user.updated" }, page: 1 }))).toEqual(["2026-11-20 user.updated", "2026-11-10 user.updated"]);
  });

  it("filters by dates: from inclusive, before exclusive", async () => {
    await seed();
    const result = await listAuditEvents(database.db, { filter: { from: new Date("2026-11-10T00:00:00Z"), before: new Date("2026-11-21T00:00:00Z") }, page: 1 });
    expect(actions(result)).toEqual(["2026-11-20 user.updated", "2026-11-10 user.updated"]);
  });

  it("filters by target id and combines filters", async () => {
    const { bob } = await seed();
    expect(actions(await listAuditEvents(database.db, { filter: { targetId: bob.id }, page: 1 }))).toEqual(["2026-11-10 user.updated"]);
    expect((await listAuditEvents(database.db, { filter: { targetId: bob.id, actorEmail: "bob" }, page: 1 })).total).toBe(0);
  });

  it("pages 50 at a time without gaps or repeats, ties broken by id", async () => {
    // 120 events, many in the same millisecond.
    const createdAt = new Date("2026-11-26T06:00:00Z");
    await database.db.auditEvent.createMany({ data: Array.from({ length: 120 }, (_, index) => ({ action: "auth.sign_in", actorEmail: `u${index}@example.com`, createdAt: new Date(createdAt.getTime() + Math.floor(index / 7) * 1000) })) });
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listAuditEvents(database.db, { filter: {}, page })));
    expect(pages.map((page) => page.rows.length)).toEqual([50, 50, 20, 0]);
    expect(pages.every((page) => page.total === 120 && page.pageSize === 50)).toBe(true);
    const ids = pages.flatMap((page) => page.rows.map((row) => BigInt(row.id)));
    expect(new Set(ids).size).toBe(120);
    // Newest first: ids descend too (they were inserted in time order).
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
  });
});
