// /api/v0 end to end in-process: the real route handlers with real Request objects against a real
// PostgreSQL database. Every endpoint with a valid, an expired and a revoked token (and none, a
// garbage one, a disabled user's), others' resources, broken and out-of-range input; every refusal
// is checked to have written nothing.
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { createConfiguration } from "@/lib/db/configuration";
import { createUser, type UserPrincipal } from "@/lib/db/users";
import { generateKeyPair } from "@/lib/wireguard/keys";
import { PEER_ADDRESS_HEADER } from "@/lib/server/client-ip";

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

let database: TestDatabase;
let routes: Record<string, RouteModule>;
let openApiRoute: { GET: () => Response };
let admin: UserPrincipal;
let alice: UserPrincipal;
let bob: UserPrincipal;
const tokens: Record<"admin" | "alice" | "bob" | "expired" | "revoked" | "disabled", string> = { admin: "", alice: "", bob: "", expired: "", revoked: "", disabled: "" };
const tokenIds: Record<string, string> = {};

const user = (email: string, role: "admin" | "unprivileged" = "unprivileged") => createUser(database.db, { email, passwordHash: null, role });

async function token(owner: UserPrincipal, name: string, lifetime: "1" | "30" | "never" = "30") {
  const created = await createApiToken(database.db, owner, { userId: owner.id, name, lifetime });
  tokenIds[created.token] = created.apiToken.id;
  return created.token;
}

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", "api-test-secret-api-test-secret-api-test");
  // The other tests give alice and bob more devices than the default limit: "limits" lowers it.
  await createConfiguration(database.db, { serverPublicKey: generateKeyPair().publicKey, defaultClientEndpoint: "vpn.example.com", maxDevicesPerUser: 1000 });
  admin = await user("admin@example.com", "admin");
  alice = await user("alice@example.com");
  bob = await user("bob@example.com");
  const carol = await user("carol@example.com");
  tokens.admin = await token(admin, "admin automation");
  tokens.alice = await token(alice, "alice laptop");
  tokens.bob = await token(bob, "bob laptop", "never");
  tokens.expired = await token(admin, "expired", "1");
  await database.db.apiToken.update({ where: { id: tokenIds[tokens.expired] }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.revoked = await token(admin, "revoked");
  await revokeApiToken(database.db, admin, { tokenId: tokenIds[tokens.revoked]!, userId: admin.id });
  tokens.disabled = await token(carol, "carol");
  await database.db.user.update({ where: { id: carol.id }, data: { isDisabled: true } });
  routes = {
    "/me": await import("./me/route"),
    "/users": await import("./users/route"),
    "/users/{id}": await import("./users/[id]/route"),
    "/devices": await import("./devices/route"),
    "/devices/{id}": await import("./devices/[id]/route"),
    "/rules": await import("./rules/route"),
    "/rules/{id}": await import("./rules/[id]/route"),
    "/configuration": await import("./configuration/route"),
  };
  openApiRoute = await import("./openapi.json/route");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await database.drop();
});

/** The answers' JSON shapes, loosely: the assertions check them. */
type ApiBody = {
  error: string;
  fieldErrors: Record<string, string>;
  data: Array<{ id: string; userId: string; email: string }>;
  device: { id: string; name: string; userId: string; publicKey: string };
  config: string;
  id: string;
  total: number;
  [key: string]: unknown;
};

interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (broken JSON). */
  rawBody?: string;
  contentType?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Calls the route file serving `path` (e.g. /devices/<id>) like Next.js would: no params without a dynamic segment. */
async function call(method: Method, path: string, options: CallOptions = {}) {
  const [, first, id] = /^\/([^/?]+)(?:\/([^/?]+))?$/.exec(path) ?? [];
  const pattern = id ? `/${first}/{id}` : `/${first}`;
  const handler = routes[pattern]?.[method];
  if (!handler) throw new Error(`no ${method} handler for ${pattern}`);
  const url = new URL(`http://127.0.0.1:3000/api/v0${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers = new Headers(options.headers);
  const bearer = options.token === undefined ? tokens.admin : options.token;
  if (bearer !== null) headers.set("authorization", `Bearer ${bearer}`);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", options.contentType ?? "application/json");
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve<Record<string, string>>(id ? { id } : (undefined as unknown as Record<string, string>)) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as ApiBody };
}

/** Everything a request could change, except token bookkeeping (lastUsedAt, api_token.used). */
async function snapshot() {
  const db = database.db;
  const [users, devices, configuration, audit, apiTokens, rules] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, role: true, isDisabled: true, sessionVersion: true, updatedAt: true } }),
    db.device.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, userId: true, updatedAt: true } }),
    db.configuration.findUnique({ where: { id: 1 } }),
    db.auditEvent.count({ where: { action: { not: "api_token.used" } } }),
    db.apiToken.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true, expiresAt: true } }),
    db.egressRule.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ users, devices, configuration, audit, apiTokens, rules });
}

async function expectNothingWritten<T>(request: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await request();
  expect(await snapshot()).toBe(before);
  return result;
}

async function deviceOf(owner: UserPrincipal, name: string) {
  const created = await call("POST", "/devices", { token: owner === admin ? tokens.admin : owner === alice ? tokens.alice : tokens.bob, body: { settings: { name } } });
  expect(created.status).toBe(201);
  return created.body.device as { id: string; name: string };
}

const NO_ID = "00000000-0000-4000-8000-000000000000";

let ruleNetwork = 0;
/** A rule (through the API, as the admin) on its own network, so it overlaps nothing. */
async function ruleOf(fields: Record<string, unknown> = {}) {
  ruleNetwork += 1;
  const created = await call("POST", "/rules", { body: { action: "drop", destination: `10.${ruleNetwork}.0.0/16`, ...fields } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as unknown as { id: string; destination: string; priority: number; position: number; notes: string[] };
}

/** Every endpoint once, with a body that would succeed for an admin where one is needed. */
function everyEndpoint(ids: { user: string; device: string; rule: string }): Array<[Method, string, CallOptions]> {
  return [
    ["GET", "/me", {}],
    ["GET", "/users", {}],
    ["POST", "/users", { body: { email: "never@example.com", password: "a-long-enough-password", role: "unprivileged" } }],
    ["GET", `/users/${ids.user}`, {}],
    ["PATCH", `/users/${ids.user}`, { body: { role: "admin" } }],
    ["DELETE", `/users/${ids.user}`, {}],
    ["GET", "/devices", {}],
    ["POST", "/devices", { body: { settings: { name: "never" } } }],
    ["GET", `/devices/${ids.device}`, {}],
    ["PATCH", `/devices/${ids.device}`, { body: { name: "renamed" } }],
    ["DELETE", `/devices/${ids.device}`, {}],
    ["GET", "/rules", {}],
    ["POST", "/rules", { body: { action: "drop", destination: "198.51.100.0/24", protocol: "tcp", ports: "25" } }],
    ["GET", `/rules/${ids.rule}`, {}],
    ["PATCH", `/rules/${ids.rule}`, { body: { description: "changed" } }],
    ["DELETE", `/rules/${ids.rule}`, {}],
    ["GET", "/configuration", {}],
    ["PATCH", "/configuration", { body: { defaultClientMtu: 1400 } }],
  ];
}

describe("authentication", () => {
  it.each(["expired", "revoked", "disabled", "garbage", "unknown", "missing", "cookie only"] as const)("refuses a %s token on every endpoint with 401, WWW-Authenticate: Bearer, and writes nothing", async (kind) => {
    const device = await deviceOf(bob, `auth-${kind}`);
    const rule = await ruleOf();
    for (const [method, path, options] of everyEndpoint({ user: bob.id, device: device.id, rule: rule.id })) {
      const credentials: CallOptions =
        kind === "garbage"
          ? { token: "not a token" }
          : kind === "unknown"
            ? { token: `wgui_${"A".repeat(43)}` }
            : kind === "missing"
              ? { token: null }
              : kind === "cookie only"
                ? { token: null, headers: { cookie: "next-auth.session-token=anything; __Secure-next-auth.session-token=anything" } }
                : { token: tokens[kind] };
      const answer = await expectNothingWritten(() => call(method, path, { ...options, ...credentials }));
      expect(answer.status, `${method} ${path}`).toBe(401);
      const isNoToken = kind === "missing" || kind === "cookie only" || kind === "garbage";
      expect(answer.headers.get("www-authenticate"), `${method} ${path}`).toBe(isNoToken ? 'Bearer realm="wiregui"' : 'Bearer realm="wiregui", error="invalid_token"');
      expect(answer.body.error).toMatch(/token/i);
    }
  });

  it("answers GET /me for a valid token with its user, and records when and that it was used", async () => {
    const fresh = await token(alice, "me check");
    const id = tokenIds[fresh]!;
    const first = await call("GET", "/me", { token: fresh, headers: { [PEER_ADDRESS_HEADER]: "192.0.2.10" } });
    expect(first).toMatchObject({ status: 200, body: { id: alice.id, email: "alice@example.com", role: "unprivileged", tokenId: id } });
    const lastUsedAt = (await database.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(lastUsedAt).not.toBeNull();

    // Again from the same address: lastUsedAt kept (a minute's resolution), no second audit entry.
    await call("GET", "/me", { token: fresh, headers: { [PEER_ADDRESS_HEADER]: "192.0.2.10" } });
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(lastUsedAt);
    // From another address: audited once more.
    await call("GET", "/me", { token: fresh, headers: { [PEER_ADDRESS_HEADER]: "192.0.2.11" } });
    const uses = await database.db.auditEvent.findMany({ where: { action: "api_token.used", targetId: id }, orderBy: { id: "asc" } });
    expect(uses.map((event) => [event.ip, event.actorUserId])).toEqual([
      ["192.0.2.10", alice.id],
      ["192.0.2.11", alice.id],
    ]);
  });

  it("moves lastUsedAt once the minute has passed", async () => {
    const fresh = await token(alice, "minute");
    const id = tokenIds[fresh]!;
    const old = new Date(Date.now() - 61_000);
    await database.db.apiToken.update({ where: { id }, data: { lastUsedAt: old } });
    await call("GET", "/me", { token: fresh });
    expect((await database.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(old.getTime());
  });

  it("serves the OpenAPI document without a token", async () => {
    const document = (await openApiRoute.GET().json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/devices/{id}");
  });
});

describe("permissions: the same rules as the pages", () => {
  it("refuses every admin endpoint to a user with 403 and writes nothing", async () => {
    const rule = await ruleOf();
    const admins: Array<[Method, string, CallOptions]> = [
      ["GET", "/users", {}],
      ["POST", "/users", { body: { email: "sneaky@example.com", password: "a-long-enough-password", role: "admin" } }],
      ["GET", `/users/${bob.id}`, {}],
      ["PATCH", `/users/${alice.id}`, { body: { role: "admin" } }],
      ["DELETE", `/users/${bob.id}`, {}],
      ["GET", "/configuration", {}],
      ["PATCH", "/configuration", { body: { allowUnprivilegedDeviceConfiguration: true } }],
      ["GET", "/devices", { query: { user_id: bob.id } }],
      ["GET", "/rules", {}],
      ["POST", "/rules", { body: { action: "accept", destination: "0.0.0.0/0", acceptOverlaps: true } }],
      ["GET", `/rules/${rule.id}`, {}],
      ["PATCH", `/rules/${rule.id}`, { body: { action: "accept" } }],
      ["DELETE", `/rules/${rule.id}`, {}],
    ];
    for (const [method, path, options] of admins) {
      const answer = await expectNothingWritten(() => call(method, path, { ...options, token: tokens.alice }));
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error).toEqual(expect.any(String));
    }
  });

  it("answers 404 for another user's device on GET, PATCH and DELETE, and lists only your own", async () => {
    const bobs = await deviceOf(bob, "bob-private");
    for (const [method, options] of [["GET", {}], ["PATCH", { body: { name: "mine-now" } }], ["DELETE", {}]] as Array<[Method, CallOptions]>) {
      const answer = await expectNothingWritten(() => call(method, `/devices/${bobs.id}`, { ...options, token: tokens.alice }));
      expect(answer).toMatchObject({ status: 404, body: { error: "The device was not found." } });
    }
    const list = await call("GET", "/devices", { token: tokens.alice, query: { per_page: "100" } });
    expect(list.status).toBe(200);
    expect(list.body.data.every((device: { userId: string }) => device.userId === alice.id)).toBe(true);
    expect(list.body.data.map((device: { id: string }) => device.id)).not.toContain(bobs.id);
    const own = await call("GET", "/devices", { token: tokens.alice, query: { user_id: alice.id } });
    expect(own.status).toBe(200);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    for (const path of [`/users/${NO_ID}`, "/users/not-a-uuid", `/devices/${NO_ID}`, "/devices/not-a-uuid"]) {
      const answer = await call("GET", path);
      expect(answer.status, path).toBe(404);
    }
  });

  it("honours the device switches: management off refuses create, edit and delete; configuration off refuses overrides", async () => {
    const own = await deviceOf(alice, "switches");
    await database.db.configuration.update({ where: { id: 1 }, data: { allowUnprivilegedDeviceManagement: false } });
    try {
      for (const [method, path, options] of [
        ["POST", "/devices", { body: { settings: { name: "refused" } } }],
        ["PATCH", `/devices/${own.id}`, { body: { description: "refused" } }],
        ["DELETE", `/devices/${own.id}`, {}],
      ] as Array<[Method, string, CallOptions]>) {
        const answer = await expectNothingWritten(() => call(method, path, { ...options, token: tokens.alice }));
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(answer.body.error).toMatch(/Managing devices is turned off/);
      }
    } finally {
      await database.db.configuration.update({ where: { id: 1 }, data: { allowUnprivilegedDeviceManagement: true, allowUnprivilegedDeviceConfiguration: false } });
    }
    try {
      const override = await expectNothingWritten(() => call("PATCH", `/devices/${own.id}`, { token: tokens.alice, body: { useDefaultMtu: false, mtu: 1400 } }));
      expect(override.status).toBe(403);
      expect(override.body.error).toMatch(/Changing device settings is turned off/);
      const plain = await call("PATCH", `/devices/${own.id}`, { token: tokens.alice, body: { description: "defaults only" } });
      expect(plain).toMatchObject({ status: 200, body: { description: "defaults only" } });
      // Administrators are not bound by the switches.
      expect((await call("PATCH", `/devices/${own.id}`, { body: { useDefaultMtu: false, mtu: 1400 } })).body).toMatchObject({ mtu: 1400 });
    } finally {
      await database.db.configuration.update({ where: { id: 1 }, data: { allowUnprivilegedDeviceConfiguration: true } });
    }
  });
});

describe("users (admin)", () => {
  it("lists with search and paging in the list envelope", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) await user(`${name}@paging.example.com`);
    const first = await call("GET", "/users", { query: { q: "PAGING.example", per_page: "2" } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, perPage: 2, total: 3 });
    expect(first.body.data.map((row: { email: string }) => row.email)).toEqual(["page-a@paging.example.com", "page-b@paging.example.com"]);
    const second = await call("GET", "/users", { query: { q: "paging.example", per_page: "2", page: "2" } });
    expect(second.body.data.map((row: { email: string }) => row.email)).toEqual(["page-c@paging.example.com"]);
    expect(second.body.data[0]).toEqual({
      id: expect.any(String),
      email: "page-c@paging.example.com",
      name: null,
      role: "unprivileged",
      isDisabled: false,
      deviceCount: 0,
      lastSignInAt: null,
      lastSignInMethod: null,
      createdAt: expect.any(String),
    });
  });

  it.each([
    [{ per_page: "101" }, "per_page", "must be from 1 to 100"],
    [{ per_page: "0" }, "per_page", "must be from 1 to 100"],
    [{ page: "0" }, "page", "must be from 1 to 1000000"],
    [{ page: "two" }, "page", "must be a whole number"],
    [{ page: "1.5" }, "page", "must be a whole number"],
    [{ q: "x".repeat(321) }, "q", "must be at most 320 characters"],
  ])("refuses paging %j with 400 on the field", async (query, field, message) => {
    const answer = await call("GET", "/users", { query });
    expect(answer.status).toBe(400);
    expect(answer.body.fieldErrors).toEqual({ [field]: message });
  });

  it("creates, reads, changes and deletes a user, each audited with the token id", async () => {
    const created = await call("POST", "/users", { body: { email: "  New.Person@Example.com ", password: "a-long-enough-password", role: "unprivileged" } });
    expect(created).toMatchObject({ status: 201, body: { email: "new.person@example.com", role: "unprivileged", isDisabled: false } });
    const id = created.body.id as string;
    expect((await call("GET", `/users/${id}`)).body).toEqual(created.body);

    const changed = await call("PATCH", `/users/${id}`, { body: { role: "admin", isDisabled: true } });
    expect(changed).toMatchObject({ status: 200, body: { id, email: "new.person@example.com", role: "admin", isDisabled: true } });
    const row = await database.db.user.findUniqueOrThrow({ where: { id } });
    expect(row.sessionVersion).toBe(1);

    expect((await call("DELETE", `/users/${id}`)).status).toBe(204);
    expect(await database.db.user.findUnique({ where: { id } })).toBeNull();
    expect((await call("GET", `/users/${id}`)).status).toBe(404);

    const audit = await database.db.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.actorUserId, (event.details as { apiTokenId?: string }).apiTokenId])).toEqual([
      ["user.created", admin.id, tokenIds[tokens.admin]],
      ["user.updated", admin.id, tokenIds[tokens.admin]],
      ["user.deleted", admin.id, tokenIds[tokens.admin]],
    ]);
  });

  it("refuses a duplicate email with 409 on the field, and writes nothing", async () => {
    const create = await expectNothingWritten(() => call("POST", "/users", { body: { email: "ALICE@example.com", password: "a-long-enough-password", role: "admin" } }));
    expect(create).toMatchObject({ status: 409, body: { fieldErrors: { email: "is already used by another user" } } });
    const rename = await expectNothingWritten(() => call("PATCH", `/users/${bob.id}`, { body: { email: "alice@example.com" } }));
    expect(rename).toMatchObject({ status: 409, body: { fieldErrors: { email: "is already used by another user" } } });
  });

  it("keeps the service's self protection: no demoting, disabling or deleting yourself", async () => {
    for (const [method, body] of [["PATCH", { role: "unprivileged" }], ["PATCH", { isDisabled: true }], ["DELETE", undefined]] as Array<[Method, unknown]>) {
      const answer = await expectNothingWritten(() => call(method, `/users/${admin.id}`, { body }));
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatch(/^You cannot (remove|disable|delete) your own/);
    }
  });

  it.each([
    ["a bad email", { email: "not-an-email", password: "a-long-enough-password", role: "unprivileged" }, "email", "must be a valid email address"],
    ["a short password", { email: "short@example.com", password: "short", role: "unprivileged" }, "password", "must be at least 12 characters"],
    ["an unknown role", { email: "role@example.com", password: "a-long-enough-password", role: "root" }, "role", "must be admin or unprivileged"],
  ])("refuses %s on POST /users with 400 and writes nothing", async (_label, body, field, message) => {
    const answer = await expectNothingWritten(() => call("POST", "/users", { body }));
    expect(answer.status).toBe(400);
    expect(answer.body.fieldErrors[field]).toBe(message);
  });

  it("refuses unknown fields on PATCH /users/{id}", async () => {
    const answer = await expectNothingWritten(() => call("PATCH", `/users/${bob.id}`, { body: { role: "admin", sessionVersion: 0 } }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/Unrecognized key/);
  });
});

describe("devices", () => {
  it("creates a device and returns its configuration with the private key once; later reads never have it", async () => {
    const created = await call("POST", "/devices", { token: tokens.alice, body: { settings: { name: "phone", description: "from the API" } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasPrivateKey: true, fileName: "phone.conf", device: { name: "phone", userId: alice.id, userEmail: "alice@example.com", description: "from the API" } });
    const privateKey = /^PrivateKey = (\S+)$/m.exec(created.body.config as string)?.[1];
    expect(privateKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(created.body).not.toHaveProperty("qrSvg");

    const again = await call("GET", `/devices/${created.body.device.id}`, { token: tokens.alice });
    expect(again.status).toBe(200);
    expect(JSON.stringify(again.body)).not.toContain(privateKey);
    expect(again.body).not.toHaveProperty("config");
    const list = await call("GET", "/devices", { token: tokens.alice, query: { per_page: "100" } });
    expect(JSON.stringify(list.body)).not.toContain(privateKey);
    const row = await database.db.device.findUniqueOrThrow({ where: { id: created.body.device.id }, omit: { presharedKeyEncrypted: false } });
    expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))).not.toContain(privateKey);

    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "device.created", targetId: created.body.device.id } });
    expect(audit.details).toMatchObject({ name: "phone", ownerId: alice.id, apiTokenId: tokenIds[tokens.alice] });
  });

  it("with the caller's public key, answers a configuration without a private key", async () => {
    const { publicKey } = generateKeyPair();
    const created = await call("POST", "/devices", { token: tokens.alice, body: { publicKey, settings: { name: "own-key" } } });
    expect(created).toMatchObject({ status: 201, body: { hasPrivateKey: false, device: { publicKey } } });
    expect(created.body.config).toContain("PrivateKey = <paste this device's private key>");
  });

  it("lets an admin create a device for another user and filter the list by user", async () => {
    const created = await call("POST", "/devices", { body: { userId: bob.id, settings: { name: "given-by-admin" } } });
    expect(created).toMatchObject({ status: 201, body: { device: { userId: bob.id } } });
    const bobs = await call("GET", "/devices", { query: { user_id: bob.id, per_page: "100" } });
    expect(bobs.status).toBe(200);
    expect(bobs.body.data.length).toBe(bobs.body.total);
    expect(new Set(bobs.body.data.map((device: { userId: string }) => device.userId))).toEqual(new Set([bob.id]));
    const everyone = await call("GET", "/devices", { query: { per_page: "1" } });
    expect(everyone.body).toMatchObject({ page: 1, perPage: 1 });
    expect(everyone.body.data).toHaveLength(1);
    expect(everyone.body.total).toBeGreaterThan(bobs.body.total);
    // A user may not create devices for someone else: the same 403 as the page.
    const refused = await expectNothingWritten(() => call("POST", "/devices", { token: tokens.alice, body: { userId: bob.id, settings: { name: "for-bob" } } }));
    expect(refused.status).toBe(403);
  });

  it("changes only the fields given, audited with the token id, and deletes", async () => {
    const device = await deviceOf(alice, "tablet");
    const patched = await call("PATCH", `/devices/${device.id}`, { token: tokens.alice, body: { description: "kitchen", useDefaultDns: false, dns: ["192.0.2.53"] } });
    expect(patched).toMatchObject({ status: 200, body: { name: "tablet", description: "kitchen", useDefaultDns: false, dns: ["192.0.2.53"], useDefaultMtu: true, mtu: null } });
    expect(patched.body.effective).toMatchObject({ dns: ["192.0.2.53"], endpoint: "vpn.example.com:51820" });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "device.updated", targetId: device.id } });
    expect(audit.details).toMatchObject({ apiTokenId: tokenIds[tokens.alice] });

    expect((await call("DELETE", `/devices/${device.id}`, { token: tokens.alice })).status).toBe(204);
    expect(await database.db.device.findUnique({ where: { id: device.id } })).toBeNull();
    expect((await call("GET", `/devices/${device.id}`, { token: tokens.alice })).status).toBe(404);
  });

  it("refuses a duplicate name with 409 on the field (create and rename), and writes nothing", async () => {
    const first = await deviceOf(alice, "Desktop");
    const second = await deviceOf(alice, "spare");
    const create = await expectNothingWritten(() => call("POST", "/devices", { token: tokens.alice, body: { settings: { name: "desktop" } } }));
    expect(create).toMatchObject({ status: 409, body: { fieldErrors: { name: "is already used by another device of this user" } } });
    const rename = await expectNothingWritten(() => call("PATCH", `/devices/${second.id}`, { token: tokens.alice, body: { name: "DESKTOP" } }));
    expect(rename).toMatchObject({ status: 409, body: { fieldErrors: { name: "is already used by another device of this user" } } });
    expect(first.name).toBe("Desktop");
  });

  it.each([
    ["an MTU out of range", { useDefaultMtu: false, mtu: 9000 }, "mtu", "must be from 576 to 1500"],
    ["an MTU IPv6 cannot use", { useDefaultMtu: false, mtu: 1000 }, "mtu", "must be at least 1280: the device has an IPv6 address"],
    ["a keepalive out of range", { useDefaultPersistentKeepalive: false, persistentKeepalive: 121 }, "persistentKeepalive", "must be from 0 to 120 seconds (0 turns it off)"],
    ["a bad CIDR", { useDefaultAllowedIps: false, allowedIps: ["10.0.0.1/8"] }, "allowedIps", '"10.0.0.1/8" is not a valid CIDR (with no host bits set, e.g. 10.3.2.0/24)'],
    ["an empty name", { name: "  " }, "name", "is required"],
    ["a name of the wrong type", { name: 42 }, "name", "Invalid input: expected string, received number"],
    ["an unknown field", { colour: "blue" }, "input", 'Unrecognized key: "colour"'],
  ])("refuses %s on PATCH /devices/{id} with 400 and writes nothing", async (_label, body, field, message) => {
    const device = await deviceOf(alice, `invalid-${field}-${Math.random().toString(36).slice(2, 7)}`);
    const answer = await expectNothingWritten(() => call("PATCH", `/devices/${device.id}`, { token: tokens.alice, body }));
    expect(answer.status).toBe(400);
    expect(answer.body.fieldErrors).toEqual({ [field]: message });
  });

  it.each([
    ["no settings", {}, "settings", "Invalid input: expected object, received undefined"],
    ["an MTU out of range", { settings: { name: "x", useDefaultMtu: false, mtu: 100 } }, "settings.mtu", "must be from 576 to 1500"],
    ["a bad public key", { publicKey: "abc", settings: { name: "x" } }, "publicKey", expect.any(String)],
    ["a bad owner id", { userId: "bob", settings: { name: "x" } }, "userId", "must be a user id"],
  ])("refuses %s on POST /devices with 400 and writes nothing", async (_label, body, field, message) => {
    const answer = await expectNothingWritten(() => call("POST", "/devices", { token: tokens.alice, body }));
    expect(answer.status).toBe(400);
    expect(answer.body.fieldErrors).toEqual({ [field]: message });
  });

  it("refuses out-of-range paging and a bad user_id on GET /devices", async () => {
    for (const [query, field] of [[{ per_page: "1000" }, "per_page"], [{ page: "-1" }, "page"], [{ user_id: "someone" }, "user_id"]] as Array<[Record<string, string>, string]>) {
      const answer = await call("GET", "/devices", { query });
      expect(answer.status, JSON.stringify(query)).toBe(400);
      expect(Object.keys(answer.body.fieldErrors)).toEqual([field]);
    }
  });
});

describe("configuration (admin)", () => {
  it("reads and changes only the fields given, with the Settings form's validation, audited with the token id", async () => {
    const current = await call("GET", "/configuration");
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ defaultClientMtu: 1280, defaultClientPersistentKeepalive: 25, allowUnprivilegedDeviceManagement: true, allowPeerToPeer: false, allowServerNetworksToClients: false, vpnSessionDuration: null, listenPort: 51820 });
    expect(JSON.stringify(current.body)).not.toMatch(/private/i);

    const changed = await call("PATCH", "/configuration", { body: { defaultClientDns: "192.0.2.53, 192.0.2.54", defaultClientPersistentKeepalive: 30 } });
    expect(changed).toMatchObject({ status: 200, body: { defaultClientDns: ["192.0.2.53", "192.0.2.54"], defaultClientPersistentKeepalive: 30, defaultClientMtu: 1280, defaultClientEndpoint: "vpn.example.com" } });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" }, orderBy: { id: "desc" } });
    expect(audit.details).toMatchObject({ defaultClientPersistentKeepalive: 30, apiTokenId: tokenIds[tokens.admin] });

    const switches = await call("PATCH", "/configuration", { body: { allowUnprivilegedDeviceConfiguration: false, vpnSessionDuration: 3600 } });
    expect(switches).toMatchObject({ status: 200, body: { allowUnprivilegedDeviceConfiguration: false, vpnSessionDuration: 3600, defaultClientPersistentKeepalive: 30 } });
    const security = await database.db.auditEvent.findFirstOrThrow({ where: { action: "settings.security_changed" }, orderBy: { id: "desc" } });
    expect(security.details).toMatchObject({ after: { allowUnprivilegedDeviceConfiguration: false, vpnSessionDuration: 3600 } });
    await call("PATCH", "/configuration", { body: { allowUnprivilegedDeviceConfiguration: true, vpnSessionDuration: null } });

    const isolation = await call("PATCH", "/configuration", { body: { allowPeerToPeer: true } });
    expect(isolation).toMatchObject({ status: 200, body: { allowPeerToPeer: true, allowServerNetworksToClients: false } });
    expect((await database.db.auditEvent.findFirstOrThrow({ where: { action: "settings.security_changed" }, orderBy: { id: "desc" } })).details).toMatchObject({ before: { allowPeerToPeer: false }, after: { allowPeerToPeer: true } });
    await call("PATCH", "/configuration", { body: { allowPeerToPeer: false } });
  });

  it.each([
    ["an MTU out of range", { defaultClientMtu: 1000 }, "defaultClientMtu", "must be from 1280 to 1500 (devices have IPv6 addresses)"],
    ["a keepalive out of range", { defaultClientPersistentKeepalive: -1 }, "defaultClientPersistentKeepalive", "must be from 0 to 120 seconds (0 turns it off)"],
    ["no allowed IPs", { defaultClientAllowedIps: [] }, "defaultClientAllowedIps", "needs at least one CIDR"],
    ["a bad DNS address", { defaultClientDns: ["dns.example.com"] }, "defaultClientDns", expect.stringContaining("dns.example.com")],
    ["a switch that is not a boolean", { allowUnprivilegedDeviceManagement: "yes" }, "allowUnprivilegedDeviceManagement", "must be true or false"],
    ["an isolation switch that is not a boolean", { allowPeerToPeer: "on", allowServerNetworksToClients: true }, "allowPeerToPeer", "must be true or false"],
    ["a read-only field", { listenPort: 1 }, "input", 'Unrecognized key: "listenPort"'],
    ["a session duration not in the list", { vpnSessionDuration: 5 }, "vpnSessionDuration", "must be Never, 1 hour, 1 day, 1 week, 30 days or 90 days"],
    ["a good switch beside a bad default", { allowUnprivilegedDeviceManagement: false, defaultClientMtu: 9000 }, "defaultClientMtu", "must be from 1280 to 1500 (devices have IPv6 addresses)"],
  ])("refuses %s with 400 on the field and writes nothing", async (_label, body, field, message) => {
    const answer = await expectNothingWritten(() => call("PATCH", "/configuration", { body }));
    expect(answer.status).toBe(400);
    expect(answer.body.fieldErrors).toEqual({ [field]: message });
  });
});

describe("limits", () => {
  let dave: UserPrincipal;
  let daveToken: string;
  const cidrs = (count: number) => Array.from({ length: count }, (_, index) => `10.${Math.floor(index / 256)}.${index % 256}.0/24`);
  const longEndpoint = `${Array(4).fill("e".repeat(63)).join(".")}:51820`;
  const addresses = (count: number) => Array.from({ length: count }, (_, index) => `192.0.2.${index + 1}`);
  const limitTo = async (maxDevicesPerUser: number) => expect(await call("PATCH", "/configuration", { body: { maxDevicesPerUser } })).toMatchObject({ status: 200, body: { maxDevicesPerUser } });
  const daveDevice = (name: string, extra: Record<string, unknown> = {}) => call("POST", "/devices", { token: daveToken, body: { settings: { name }, ...extra } });

  beforeAll(async () => {
    dave = await user("dave@example.com");
    daveToken = await token(dave, "dave script");
  });
  afterAll(async () => {
    await limitTo(1000);
  });

  it("refuses a user's device beyond the limit with 409 naming it, writes nothing, and has room again after a delete", async () => {
    await limitTo(2);
    const first = await daveDevice("one");
    expect(first.status).toBe(201);
    expect((await daveDevice("two")).status).toBe(201);
    const refused = await expectNothingWritten(() => daveDevice("three"));
    expect(refused).toEqual({ status: 409, headers: expect.anything(), body: { error: "You have reached the limit of 2 devices." } });
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await call("DELETE", `/devices/${first.body.device.id}`, { token: daveToken })).status).toBe(204);
    expect((await daveDevice("three")).status).toBe(201);
    await limitTo(1);
    expect((await expectNothingWritten(() => daveDevice("four"))).body.error).toBe("You have reached the limit of 1 device.");
  });

  it("counts the owner's devices when an admin creates one for them: 409, unless the admin exceeds the limit on purpose", async () => {
    await limitTo(2);
    const forDave = { userId: dave.id, settings: { name: "from-admin" } };
    const refused = await expectNothingWritten(() => call("POST", "/devices", { body: forDave }));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('dave@example.com has reached the limit of 2 devices. To add one anyway, choose "Exceed the device limit" (exceedDeviceLimit in the API).');
    const exceeded = await call("POST", "/devices", { body: { ...forDave, exceedDeviceLimit: true } });
    expect(exceeded.status).toBe(201);
    expect(exceeded.body.device.userId).toBe(dave.id);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "device.created", targetId: exceeded.body.device.id } });
    expect(audit.details).toMatchObject({ ownerId: dave.id, deviceLimitWaived: true });
    // Only administrators may: the owner asking for it is refused, whatever their count.
    expect(await expectNothingWritten(() => daveDevice("sneaky", { exceedDeviceLimit: true }))).toMatchObject({ status: 403, body: { error: "Only administrators can exceed the device limit." } });
    expect(await database.db.device.count({ where: { userId: dave.id } })).toBe(3);
  });

  it("does not limit administrators' own devices", async () => {
    await limitTo(1);
    const before = await database.db.device.count({ where: { userId: admin.id } });
    for (const name of ["admin-a", "admin-b", "admin-c"]) expect((await call("POST", "/devices", { body: { settings: { name } } })).status).toBe(201);
    expect(await database.db.device.count({ where: { userId: admin.id } })).toBe(before + 3);
  });

  it("lets exactly the limit's worth of parallel creations through", async () => {
    const erin = await user("erin@example.com");
    const erinToken = await token(erin, "erin burst");
    await limitTo(3);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => call("POST", "/devices", { token: erinToken, body: { settings: { name: `burst-${index}` } } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array(3).fill(201), ...Array(9).fill(409)]);
    for (const answer of answers.filter((answer) => answer.status === 409)) expect(answer.body.error).toBe("You have reached the limit of 3 devices.");
    expect(await database.db.device.count({ where: { userId: erin.id } })).toBe(3);
  });

  it.each([
    ["zero", 0, "must be from 1 to 1000"],
    ["too many", 1001, "must be from 1 to 1000"],
    ["a fraction", 2.5, "must be a whole number"],
    ["a string", "10", "must be a whole number"],
  ])("refuses a device limit of %s with 400 on the field and writes nothing", async (_label, maxDevicesPerUser, message) => {
    const answer = await expectNothingWritten(() => call("PATCH", "/configuration", { body: { maxDevicesPerUser } }));
    expect(answer).toMatchObject({ status: 400, body: { fieldErrors: { maxDevicesPerUser: message } } });
  });

  it.each([
    ["65 allowed IPs", { useDefaultAllowedIps: false, allowedIps: cidrs(65) }, "allowedIps", "must be at most 64 CIDRs (got 65)"],
    ["9 DNS servers", { useDefaultDns: false, dns: addresses(9) }, "dns", "must be at most 8 addresses (got 9)"],
    ["a 65-character name", { name: "n".repeat(65) }, "name", "must be at most 64 characters"],
    ["a 501-character description", { description: "d".repeat(501) }, "description", "must be at most 500 characters"],
    ["a 261-character endpoint", { useDefaultEndpoint: false, endpoint: longEndpoint }, "endpoint", "must be at most 259 characters"],
  ])("refuses %s on POST and PATCH /devices with 400 on the field and writes nothing", async (_label, settings, field, message) => {
    await limitTo(1000);
    const created = await expectNothingWritten(() => call("POST", "/devices", { token: tokens.bob, body: { settings: { name: "capped", ...settings } } }));
    expect(created).toMatchObject({ status: 400, body: { fieldErrors: { [`settings.${field}`]: message } } });
    const device = await deviceOf(bob, `capped-${field}`);
    const patched = await expectNothingWritten(() => call("PATCH", `/devices/${device.id}`, { token: tokens.bob, body: settings }));
    expect(patched).toMatchObject({ status: 400, body: { fieldErrors: { [field]: message } } });
  });

  it("accepts lists and strings exactly at their caps", async () => {
    const settings = { name: "n".repeat(64), description: "d".repeat(500), useDefaultAllowedIps: false, allowedIps: cidrs(64), useDefaultDns: false, dns: addresses(8) };
    const created = await call("POST", "/devices", { token: tokens.bob, body: { settings } });
    expect(created.status).toBe(201);
    expect(await database.db.device.findUniqueOrThrow({ where: { id: created.body.device.id } })).toMatchObject({ allowedIps: cidrs(64), dns: addresses(8), description: "d".repeat(500) });
  });

  it.each([
    ["65 default allowed IPs", { defaultClientAllowedIps: cidrs(65) }, "defaultClientAllowedIps", "must be at most 64 CIDRs (got 65)"],
    ["9 default DNS servers", { defaultClientDns: addresses(9).join(", ") }, "defaultClientDns", "must be at most 8 addresses (got 9)"],
    ["a 261-character default endpoint", { defaultClientEndpoint: longEndpoint }, "defaultClientEndpoint", "must be at most 259 characters"],
  ])("refuses %s in the client defaults with 400 on the field and writes nothing", async (_label, body, field, message) => {
    const answer = await expectNothingWritten(() => call("PATCH", "/configuration", { body }));
    expect(answer).toMatchObject({ status: 400, body: { fieldErrors: { [field]: message } } });
  });

  it("refuses an email over 254 characters with 400 on the field and writes nothing", async () => {
    const email = `${"u".repeat(64)}@${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(54)}.example`;
    expect(email.length).toBe(255);
    const created = await expectNothingWritten(() => call("POST", "/users", { body: { email, password: "long-enough-password", role: "unprivileged" } }));
    expect(created).toMatchObject({ status: 400, body: { fieldErrors: { email: "must be at most 254 characters" } } });
    const patched = await expectNothingWritten(() => call("PATCH", `/users/${dave.id}`, { body: { email } }));
    expect(patched).toMatchObject({ status: 400, body: { fieldErrors: { email: "must be at most 254 characters" } } });
  });
});

describe("rules (admin)", () => {
  it("creates a rule, reads it in evaluation order, changes only the fields given and deletes it, audited with the token id", async () => {
    const created = await ruleOf({ protocol: "tcp", ports: "8000-8100", userId: alice.id, description: "api rule", priority: 7 });
    expect(created).toMatchObject({ protocol: "tcp", portStart: 8000, portEnd: 8100, userId: alice.id, userEmail: "alice@example.com", priority: 7, notes: [] });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "rule.created", targetId: created.id } });
    expect(audit.details).toMatchObject({ apiTokenId: tokenIds[tokens.admin], portStart: 8000 });

    const changed = await call("PATCH", `/rules/${created.id}`, { body: { ports: "443" } });
    expect(changed).toMatchObject({ status: 200, body: { id: created.id, protocol: "tcp", portStart: 443, portEnd: 443, userId: alice.id, priority: 7, description: "api rule" } });
    const read = await call("GET", `/rules/${created.id}`);
    expect(read.body).toMatchObject({ portStart: 443, destination: created.destination });

    const filtered = await call("GET", "/rules", { query: { user_id: bob.id, per_page: "100" } });
    expect(filtered.body.data.map((rule) => rule.id)).not.toContain(created.id);
    const mine = await call("GET", "/rules", { query: { user_id: alice.id, per_page: "100" } });
    expect(mine.body.data.map((rule) => rule.id)).toContain(created.id);

    expect((await call("DELETE", `/rules/${created.id}`)).status).toBe(204);
    expect((await call("GET", `/rules/${created.id}`)).status).toBe(404);
    expect(await database.db.auditEvent.count({ where: { action: "rule.deleted", targetId: created.id } })).toBe(1);
  });

  it("answers an overlap with 409 and its explanation, writing nothing, and saves it with acceptOverlaps", async () => {
    const wide = await ruleOf({ destination: "172.16.0.0/12", priority: 3 });
    const body = { action: "accept", destination: "172.16.5.0/24", priority: 4 };
    const refused = await expectNothingWritten(() => call("POST", "/rules", { body }));
    expect(refused.status).toBe(409);
    expect(refused.body.overlaps).toEqual([expect.stringMatching(/^This rule never applies: rule \d+ \(drop 172\.16\.0\.0\/12 any protocol, every user\) drops all of this traffic first\.$/)]);
    const saved = await call("POST", "/rules", { body: { ...body, acceptOverlaps: true } });
    expect(saved.status).toBe(201);
    expect((saved.body as unknown as { notes: string[] }).notes).toEqual([expect.stringMatching(/^Never applies/)]);
    for (const id of [saved.body.id, wide.id]) expect((await call("DELETE", `/rules/${id}`)).status).toBe(204);
  });

  it.each([
    ["a duplicate of another rule", "duplicate", "destination", /^this rule does the same as rule \d+/],
    ["a network with host bits", { destination: "10.200.0.1/16" }, "destination", /host bits/],
    ["a port out of range", { protocol: "udp", ports: "70000" }, "ports", /1-65535/],
    ["a reversed port range", { ports: "90-80" }, "ports", /low to high/],
    ["a priority of zero", { priority: 0 }, "priority", /1 or more/],
    ["an unknown action", { action: "reject" }, "action", /accept or drop/],
    ["an unknown user", { userId: NO_ID }, "userId", /existing user/],
  ])("refuses %s with 400 on the field and writes nothing", async (_label, fields, field, message) => {
    const existing = await ruleOf({ destination: "10.250.0.0/16", protocol: "tcp", ports: "22" });
    const body = fields === "duplicate" ? { action: "drop", destination: "10.250.0.0/16", protocol: "tcp", ports: "22", acceptOverlaps: true } : { action: "drop", destination: "10.251.0.0/16", ...(fields as Record<string, unknown>) };
    const answer = await expectNothingWritten(() => call("POST", "/rules", { body }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.fieldErrors[field]).toMatch(message);
    if (fields !== "duplicate") {
      const patched = await expectNothingWritten(() => call("PATCH", `/rules/${existing.id}`, { body: fields as Record<string, unknown> }));
      expect(patched.status, JSON.stringify(patched.body)).toBe(400);
    }
    expect((await call("DELETE", `/rules/${existing.id}`)).status).toBe(204);
  });

  it("refuses unknown fields, out-of-range paging and unknown ids", async () => {
    const rule = await ruleOf();
    expect((await expectNothingWritten(() => call("PATCH", `/rules/${rule.id}`, { body: { owner: "me" } }))).status).toBe(400);
    expect((await call("GET", "/rules", { query: { per_page: "101" } })).body.fieldErrors).toEqual({ per_page: "must be from 1 to 100" });
    expect((await call("GET", "/rules", { query: { user_id: "bob" } })).status).toBe(400);
    for (const id of [NO_ID, "not-an-id"]) {
      expect((await call("GET", `/rules/${id}`)).status).toBe(404);
      expect((await expectNothingWritten(() => call("PATCH", `/rules/${id}`, { body: { description: "x" } }))).status).toBe(404);
      expect((await expectNothingWritten(() => call("DELETE", `/rules/${id}`))).status).toBe(404);
    }
  });
});

describe("request bodies", () => {
  it("refuses broken JSON, a JSON body that is not an object, and non-JSON bodies on every body endpoint, writing nothing", async () => {
    const device = await deviceOf(alice, "bodies");
    const bodyEndpoints: Array<[Method, string]> = [
      ["POST", "/users"],
      ["PATCH", `/users/${bob.id}`],
      ["POST", "/devices"],
      ["PATCH", `/devices/${device.id}`],
      ["PATCH", "/configuration"],
      ["POST", "/rules"],
      ["PATCH", `/rules/${(await ruleOf()).id}`],
    ];
    for (const [method, path] of bodyEndpoints) {
      const broken = await expectNothingWritten(() => call(method, path, { rawBody: '{"name": "x",' }));
      expect(broken, `${method} ${path}`).toMatchObject({ status: 400, body: { error: "The request body is not valid JSON." } });
      const array = await expectNothingWritten(() => call(method, path, { rawBody: "[1, 2]" }));
      expect(array.status, `${method} ${path}`).toBe(400);
      const form = await expectNothingWritten(() => call(method, path, { rawBody: "name=x", contentType: "application/x-www-form-urlencoded" }));
      expect(form, `${method} ${path}`).toMatchObject({ status: 415, body: { error: "Send the request body as JSON (Content-Type: application/json)." } });
      const text = await expectNothingWritten(() => call(method, path, { rawBody: '{"name":"x"}', contentType: "text/plain" }));
      expect(text.status, `${method} ${path}`).toBe(415);
    }
  });
});

describe("request body limits", () => {
  /** A JSON body of `bytes` streamed without a Content-Length; counts what the handler pulled. */
  function streamedJson(bytes: number) {
    const counter = { pulled: 0 };
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (counter.pulled >= bytes) return controller.close();
          counter.pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, counter };
  }

  async function send(path: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>) {
    const handler = routes[path]!.POST!;
    const response = await handler(new Request(`http://127.0.0.1:3000/api/v0${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit), {
      params: Promise.resolve(undefined as unknown as Record<string, string>),
    });
    return { status: response.status, connection: response.headers.get("connection"), body: (await response.json()) as ApiBody };
  }

  it("answers 413 past 1 MiB, whether declared or streamed, writing nothing and reading no further than the cap", async () => {
    const declared = streamedJson(50 * 1024 * 1024);
    const refused = await expectNothingWritten(() =>
      send("/devices", { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json", "content-length": String(50 * 1024 * 1024) }, declared.stream),
    );
    expect(refused).toMatchObject({ status: 413, connection: "close", body: { error: "The request body is larger than 1 MiB." } });
    expect(declared.counter.pulled).toBe(0);

    const streamed = streamedJson(50 * 1024 * 1024);
    const cut = await expectNothingWritten(() => send("/devices", { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" }, streamed.stream));
    expect(cut).toMatchObject({ status: 413, body: { error: "The request body is larger than 1 MiB." } });
    expect(streamed.counter.pulled).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });

  it("never reads an anonymous body: 401 first, and the connection closed", async () => {
    for (const authorization of [undefined, "Bearer wgui_unknown-token"]) {
      const body = streamedJson(50 * 1024 * 1024);
      const answer = await expectNothingWritten(() =>
        send("/devices", { ...(authorization && { authorization }), "content-type": "application/json", "transfer-encoding": "chunked" }, body.stream),
      );
      expect(answer).toMatchObject({ status: 401, connection: "close" });
      expect(body.counter.pulled).toBe(0);
    }
  });
});

describe("responses match the documented schemas", () => {
  it("parses every success answer with its endpoint's strict response schema", async () => {
    const { apiResources } = await import("@/lib/api/resources");
    const device = await deviceOf(bob, "schema-check");
    const victim = await user("schema-victim@example.com");
    const rule = await ruleOf();
    const checked: string[] = [];
    for (const [method, path, options] of everyEndpoint({ user: victim.id, device: device.id, rule: rule.id })) {
      const answer = await call(method, path, { ...options, body: method === "POST" && path === "/users" ? { email: "schema-new@example.com", password: "a-long-enough-password", role: "unprivileged" } : options.body });
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      const pattern = path.replace(/\/[0-9a-f-]{36}$/, "/{id}");
      const schema = apiResources.find((resource) => resource.path === pattern)?.handlers[method]?.doc.success.schema;
      if (schema) {
        const parsed = schema.safeParse(answer.body);
        expect(parsed.error?.issues, `${method} ${path}`).toBeUndefined();
      } else {
        expect(answer.body, `${method} ${path}`).toBeNull();
      }
      checked.push(`${method} ${pattern}`);
    }
    expect(checked).toHaveLength(18);
  });
});
