// GET/POST /api/v1/devices through the real route handlers, with real session cookies, against a
// real PostgreSQL: who may list what, the admin list's parameters, and its ETag/304 revalidation
// (a change on the page, and only there, gives a new tag).
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/database";
import { callRoute, sessionCookieFor } from "../../../../test/route-request";
import { createConfiguration } from "@/lib/db/configuration";
import { recordCycleStatus, writePeerStats } from "@/lib/db/stats";
import { createUser, findUserById, type UserPrincipal } from "@/lib/db/users";
import { generateKeyPair } from "@/lib/wireguard/keys";

const SECRET = "devices-route-secret-devices-route-secret";
const ORIGIN = "http://127.0.0.1:3999";

let database: TestDatabase;
let route: typeof import("./route");
let admin: UserPrincipal;
let alice: UserPrincipal;
let adminCookie: string;
let aliceCookie: string;

type ListBody = {
  devices: Array<{ id: string; name: string; user: { id: string; email: string }; rxBytes: string; rxBytesPerSecond: number | null }>;
  total: number;
  page: number;
  perPage: number;
  sort: string;
  dir: string;
  q: string;
  etag: string;
  error: string;
  fieldErrors: Record<string, string>;
};

async function get(query: string, options: { cookie?: string | null; ifNoneMatch?: string } = {}) {
  const headers = new Headers();
  const cookie = options.cookie === undefined ? adminCookie : options.cookie;
  if (cookie) headers.set("cookie", cookie);
  if (options.ifNoneMatch) headers.set("if-none-match", options.ifNoneMatch);
  const response = await callRoute(route.GET, new Request(`${ORIGIN}/api/v1/devices${query}`, { headers }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : null) as ListBody };
}

async function post(body: unknown, cookie = adminCookie) {
  const response = await callRoute(route.POST, new Request(`${ORIGIN}/api/v1/devices`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { device: { id: string; name: string } } };
}

/** A device made as the admin would through the API: real keys, addresses, audit. */
async function device(name: string, owner: UserPrincipal = alice) {
  const created = await post({ userId: owner.id, settings: { name } });
  expect(created.status).toBe(201);
  return created.body.device;
}

/** The collector's own stats write for one device: its counters moved. */
async function newStats(deviceId: string, rx: bigint) {
  await writePeerStats(database.db, [{ id: deviceId, rx, tx: 0n, handshakeMs: Date.now(), remoteEndpoint: "192.0.2.7:51820", rxRate: 12, txRate: 0 }], Date.now());
}

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("EXTERNAL_URL", ORIGIN);
  vi.stubEnv("WG_INTERFACE", "wgpag0");
  await createConfiguration(database.db, { serverPublicKey: generateKeyPair().publicKey, defaultClientEndpoint: "vpn.example.com", maxDevicesPerUser: 1000 });
  admin = await createUser(database.db, { email: "admin@example.com", passwordHash: null, role: "admin" });
  alice = await createUser(database.db, { email: "alice@example.com", passwordHash: null, role: "unprivileged" });
  adminCookie = await sessionCookieFor(database.db, SECRET, admin);
  aliceCookie = await sessionCookieFor(database.db, SECRET, alice);
  route = await import("./route");
  for (const name of ["d1", "d2", "d3", "d4", "d5"]) await device(name);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.drop();
});

describe("GET /api/v1/devices: who may list what", () => {
  it("refuses anonymous callers with 401 before anything else, even with an If-None-Match", async () => {
    const listed = await get("?user=all");
    expect((await get("?user=all", { cookie: null, ifNoneMatch: listed.body.etag })).status).toBe(401);
    expect((await get("?user=all&page=0", { cookie: null })).status).toBe(401);
    expect((await get("?user=all", { cookie: "next-auth.session-token=forged" })).status).toBe(401);
  });

  it("refuses users the admin list (everyone's or one user's, their own included) with 403", async () => {
    for (const query of ["?user=all", `?user=${alice.id}`, `?user=${admin.id}&q=d`]) {
      const refused = await get(query, { cookie: aliceCookie });
      expect(refused.status, query).toBe(403);
      expect(refused.body.error).toBe("You do not have permission to do that.");
      expect(refused.headers.get("etag")).toBeNull();
    }
  });

  it("gives everyone their own devices without a user parameter, whole, as before", async () => {
    const own = await get("", { cookie: aliceCookie });
    expect(own.status).toBe(200);
    expect(own.body.devices.map((row) => row.name).sort()).toEqual(["d1", "d2", "d3", "d4", "d5"]);
    expect(Object.keys(own.body)).toEqual(["devices"]);
    expect((await get("")).body.devices).toEqual([]);
  });
});

describe("GET /api/v1/devices?user=all: one page", () => {
  it("answers one page, the total and the parameters it used", async () => {
    const page = await get("?user=all&per_page=2&page=2&sort=name");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 5, page: 2, perPage: 2, sort: "name", dir: "asc", q: "" });
    expect(page.body.devices.map((row) => row.name)).toEqual(["d3", "d4"]);
    expect(Object.keys(page.body.devices[0]!).sort()).toEqual(
      ["description", "id", "ipv4", "ipv6", "latestHandshakeAt", "name", "rxBytes", "rxBytesPerSecond", "statsUpdatedAt", "txBytes", "txBytesPerSecond", "user"].sort(),
    );
    expect((await get(`?user=${alice.id}&q=d5`)).body.devices.map((row) => row.name)).toEqual(["d5"]);
    expect((await get("?user=all&page=9&per_page=2")).body).toMatchObject({ devices: [], total: 5 });
  });

  it.each([
    ["page=0", "page", "must be from 1 to 100000"],
    ["page=two", "page", "must be a whole number"],
    ["page=1.5", "page", "must be a whole number"],
    ["per_page=201", "per_page", "must be from 1 to 200"],
    ["sort=email", "sort", "must be one of name, owner, status, handshake, traffic"],
    ["dir=up", "dir", "must be asc or desc"],
    [`q=${"x".repeat(101)}`, "q", "must be at most 100 characters"],
    ["user=everyone", "user", "must be a user id or all"],
  ])("refuses %s with 400 naming the parameter", async (query, name, message) => {
    const refused = await get(`?user=all&${query}`.replace("user=all&user=", "user="));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe(`${name}: ${message}`);
    expect(refused.body.fieldErrors).toEqual({ [name]: message });
  });

  it("refuses list parameters on your own list (it is not paged) with 400 naming them", async () => {
    const refused = await get("?page=2", { cookie: aliceCookie });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("page: only the admin list (user=all or user=<id>) pages, sorts and searches");
  });
});

describe("GET /api/v1/devices?user=all: ETag and 304", () => {
  it("tags the answer (the tag is in the header and the body), and answers an empty 304 to a caller holding it", async () => {
    const first = await get("?user=all&sort=name&per_page=2");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.body.etag).toBe(etag);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const again = await get("?user=all&sort=name&per_page=2", { ifNoneMatch: etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    // Weak comparison, lists and "*", as RFC 9110 has it for If-None-Match.
    for (const header of [`W/${etag}`, `"other", ${etag}`, "*"]) expect((await get("?user=all&sort=name&per_page=2", { ifNoneMatch: header })).status, header).toBe(304);
    expect((await get("?user=all&sort=name&per_page=2", { ifNoneMatch: '"other"' })).status).toBe(200);
    // The same answer twice has the same tag; other parameters, another.
    expect((await get("?user=all&sort=name&per_page=2")).text).toBe(first.text);
    expect((await get("?user=all&sort=name&per_page=2&page=2")).body.etag).not.toBe(etag);
    expect((await get("?user=all&sort=name&dir=desc&per_page=2")).body.etag).not.toBe(etag);
  });

  it("gives a new tag when what the page shows changes, and only then", async () => {
    const query = "?user=all&sort=name&per_page=2";
    const rows = async () => (await get(query)).body;
    const before = await rows();
    const [first] = before.devices;
    const onPageThree = (await get("?user=all&sort=name&per_page=2&page=3")).body.devices[0]!;

    // New stats for a device on another page: this page is unchanged, still 304.
    await newStats(onPageThree.id, 4096n);
    expect((await get(query, { ifNoneMatch: before.etag })).status).toBe(304);

    // New stats for a device on this page: a new answer with the new counter.
    await newStats(first!.id, 8192n);
    const afterStats = await get(query, { ifNoneMatch: before.etag });
    expect(afterStats.status).toBe(200);
    expect(afterStats.body.devices[0]).toMatchObject({ id: first!.id, rxBytes: "8192" });

    // A device that sorts first (created through the API) moves the page.
    await device("a-first");
    const afterCreate = await get(query, { ifNoneMatch: afterStats.body.etag });
    expect(afterCreate.status).toBe(200);
    expect(afterCreate.body.devices.map((row) => row.name)).toEqual(["a-first", "d1"]);
    expect(afterCreate.body.total).toBe(6);

    // The owner's email is on the page.
    await database.db.user.update({ where: { id: alice.id }, data: { email: "alice@corp.example.com" } });
    const afterEmail = await get(query, { ifNoneMatch: afterCreate.body.etag });
    expect(afterEmail.status).toBe(200);
    expect(afterEmail.body.devices[0]!.user.email).toBe("alice@corp.example.com");

    // Deleting a device on the page.
    await database.db.device.delete({ where: { id: afterEmail.body.devices[0]!.id } });
    const afterDelete = await get(query, { ifNoneMatch: afterEmail.body.etag });
    expect(afterDelete.status).toBe(200);
    expect(afterDelete.body.total).toBe(5);
    expect((await get(query, { ifNoneMatch: afterDelete.body.etag })).status).toBe(304);
  });

  it("gives a new tag when the stats go stale: the rates on the page are then hidden", async () => {
    const query = "?user=all&sort=traffic&per_page=1";
    await recordCycleStatus(database.db, { interfaceName: "wgpag0", source: "collector", pollIntervalSeconds: 5, cycle: { at: new Date(), durationMs: 3, peersOnInterface: 5, peersConnected: 1 } });
    const fresh = await get(query);
    expect(fresh.body.devices[0]!.rxBytesPerSecond).toBe(12);
    await recordCycleStatus(database.db, { interfaceName: "wgpag0", source: "collector", pollIntervalSeconds: 5, cycle: { at: new Date(Date.now() - 3_600_000), durationMs: 3, peersOnInterface: 5, peersConnected: 1 } });
    const stale = await get(query, { ifNoneMatch: fresh.body.etag });
    expect(stale.status).toBe(200);
    expect(stale.body.devices[0]!.rxBytesPerSecond).toBeNull();
  });
});

describe("POST /api/v1/devices", () => {
  it("answers the created device and its configuration, not a list", async () => {
    const created = await post({ userId: alice.id, settings: { name: "api-made" } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["config", "device", "fileName", "hasPrivateKey"]);
    expect(created.body.device.name).toBe("api-made");
  });
});

describe("the Add device form's owner, by email (createDeviceAs)", () => {
  const settings = (name: string) => ({ name, description: "", useDefaultAllowedIps: true, allowedIps: [], useDefaultDns: true, dns: [], useDefaultEndpoint: true, endpoint: null, useDefaultMtu: true, mtu: null, useDefaultPersistentKeepalive: true, persistentKeepalive: null });

  it("lets an administrator name any user, and says so when nobody has the email", async () => {
    const { createDeviceAs } = await import("@/lib/server/devices");
    const bob = await createUser(database.db, { email: "bob@example.com", passwordHash: null, role: "unprivileged" });
    const created = await createDeviceAs(admin, { ownerEmail: "bob@example.com", settings: settings("for-bob") });
    expect(created.device.userId).toBe(bob.id);
    await expect(createDeviceAs(admin, { ownerEmail: "nobody@example.com", settings: settings("for-nobody") })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { ownerEmail: "no user has this email" },
    });
  });

  it("lets a user name only themselves, without telling whether another email exists", async () => {
    const { createDeviceAs } = await import("@/lib/server/devices");
    // Signed in after her email changed (above): each request reads the actor afresh.
    alice = (await findUserById(database.db, alice.id))!;
    const own = await createDeviceAs(alice, { ownerEmail: "alice@corp.example.com", settings: settings("own-by-email") });
    expect(own.device.userId).toBe(alice.id);
    for (const email of ["bob@example.com", "nobody@example.com"]) {
      await expect(createDeviceAs(alice, { ownerEmail: email, settings: settings("sneaky") })).rejects.toMatchObject({ status: 403, message: "Only administrators can add devices for other users." });
    }
    expect(await database.db.device.count({ where: { name: "sneaky" } })).toBe(0);
  });
});
