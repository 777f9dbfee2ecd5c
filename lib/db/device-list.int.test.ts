// The admin device list's query layer against the real PostgreSQL: paging bounds, every sort both
// ways (ties included), every search field, and, at 10,000 devices, the indexes each plan uses.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { explain, seedManyDevices } from "../../test/device-list-fixtures";
import { resolveDeviceListParams, type DeviceListParams, type DeviceSort } from "../devices/list-params";
import { deviceListStatements, escapeLike, listDevicePage } from "./device-list";
import { createUser } from "./users";

let database: TestDatabase;
const now = new Date("2026-12-06T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const SATURATED = (1n << 63n) - 1n;
/** Device name → id, and owner email → id. */
const ids: Record<string, string> = {};
const owners: Record<string, string> = {};

const key = (prefix: string) => `${prefix}${"x".repeat(43 - prefix.length)}=`;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  for (const email of ["alice@example.com", "bob@corp.test", "carol@example.org"]) {
    owners[email] = (await createUser(database.db, { email, passwordHash: null, role: "unprivileged" })).id;
  }
  const devices = [
    { label: "laptop/alice", owner: "alice@example.com", name: "laptop", publicKey: key("AAAA"), ipv4: "10.3.2.2", ipv6: "fd00::3:2:2", rx: 100n, tx: 50n, handshake: ago(30), stats: true },
    { label: "phone", owner: "alice@example.com", name: "phone", publicKey: key("ABcd"), ipv4: "10.3.2.3", ipv6: "fd00::3:2:3", rx: 0n, tx: 0n, handshake: null, stats: false },
    { label: "laptop/bob", owner: "bob@corp.test", name: "laptop", publicKey: key("Zz01"), ipv4: "10.3.2.30", ipv6: "fd00::3:2:1e", rx: 75n, tx: 75n, handshake: ago(200), stats: true },
    { label: "router_1", owner: "bob@corp.test", name: "router_1", publicKey: key("zz02"), ipv4: "10.3.2.4", ipv6: "fd00::3:2:4", rx: SATURATED, tx: SATURATED, handshake: ago(3600), stats: true },
    { label: "tablet", owner: "carol@example.org", name: "tablet", publicKey: key("Qq03"), ipv4: "10.3.2.5", ipv6: "fd00::3:2:5", rx: 600n, tx: 400n, handshake: ago(10), stats: true },
    { label: "100% sure", owner: "carol@example.org", name: "100% sure", publicKey: key("Ww04"), ipv4: "10.3.2.6", ipv6: "fd00::3:2:6", rx: 0n, tx: 0n, handshake: null, stats: true },
  ];
  for (const device of devices) {
    const row = await database.db.device.create({
      data: {
        userId: owners[device.owner]!,
        name: device.name,
        publicKey: device.publicKey,
        ipv4: device.ipv4,
        ipv6: device.ipv6,
        rxBytes: device.rx,
        txBytes: device.tx,
        latestHandshakeAt: device.handshake,
        statsUpdatedAt: device.stats ? ago(5) : null,
      },
    });
    ids[device.label] = row.id;
  }
});
afterAll(() => database.drop());

const params = (overrides: Partial<DeviceListParams> = {}): DeviceListParams => ({ ...resolveDeviceListParams({}), ...overrides });

async function labels(overrides: Partial<DeviceListParams>): Promise<string[]> {
  const { rows } = await listDevicePage(database.db, params(overrides), now);
  const byId = Object.fromEntries(Object.entries(ids).map(([label, id]) => [id, label]));
  return rows.map((row) => byId[row.id]!);
}

/** The two "laptop" devices tie on name (and traffic): the device id orders them. */
const laptops = () => (ids["laptop/alice"]! < ids["laptop/bob"]! ? ["laptop/alice", "laptop/bob"] : ["laptop/bob", "laptop/alice"]);

describe("listDevicePage: paging", () => {
  it("answers one page and the total; past the last page, no rows but the total", async () => {
    const first = await listDevicePage(database.db, params({ perPage: 4 }), now);
    expect(first.rows).toHaveLength(4);
    expect(first.total).toBe(6);
    const second = await listDevicePage(database.db, params({ perPage: 4, page: 2 }), now);
    expect(second.rows).toHaveLength(2);
    expect(second.rows.map((row) => row.id)).not.toContain(first.rows[0]!.id);
    expect(await listDevicePage(database.db, params({ perPage: 4, page: 3 }), now)).toEqual({ rows: [], total: 6 });
  });

  it("shows each row's fields as the table needs them: owner, addresses, counters as text, dates", async () => {
    const { rows } = await listDevicePage(database.db, params({ q: "router" }), now);
    expect(rows).toEqual([
      {
        id: ids.router_1,
        userId: owners["bob@corp.test"],
        email: "bob@corp.test",
        name: "router_1",
        description: "",
        ipv4: "10.3.2.4",
        ipv6: "fd00::3:2:4",
        rxBytes: SATURATED.toString(),
        txBytes: SATURATED.toString(),
        rxBytesPerSecond: null,
        txBytesPerSecond: null,
        latestHandshakeAt: ago(3600),
        statsUpdatedAt: ago(5),
      },
    ]);
  });

  it.each(["name", "owner", "status", "handshake", "traffic"] as const)("pages through every device once, in one order, sorted by %s (both ways)", async (sort: DeviceSort) => {
    for (const dir of ["asc", "desc"] as const) {
      const whole = await labels({ sort, dir, perPage: 200 });
      const paged: string[] = [];
      for (let page = 1; page <= 7; page += 1) paged.push(...(await labels({ sort, dir, perPage: 1, page })));
      expect(paged).toEqual(whole);
      expect(new Set(whole).size).toBe(6);
    }
  });
});

describe("listDevicePage: sorts", () => {
  it("by name, ties by id; descending is the exact reverse", async () => {
    const ascending = ["100% sure", ...laptops(), "phone", "router_1", "tablet"];
    expect(await labels({ sort: "name", dir: "asc" })).toEqual(ascending);
    expect(await labels({ sort: "name", dir: "desc" })).toEqual([...ascending].reverse());
  });

  it("by owner email, then name (the default order)", async () => {
    const ascending = ["laptop/alice", "phone", "laptop/bob", "router_1", "100% sure", "tablet"];
    expect(await labels({})).toEqual(ascending);
    expect(await labels({ sort: "owner", dir: "desc" })).toEqual([...ascending].reverse());
  });

  it("by status: connected, idle, not connected, no stats yet; by name within each", async () => {
    expect(await labels({ sort: "status", dir: "asc" })).toEqual(["laptop/alice", "tablet", "laptop/bob", "100% sure", "router_1", "phone"]);
    expect(await labels({ sort: "status", dir: "desc" })).toEqual(["phone", "100% sure", "router_1", "laptop/bob", "laptop/alice", "tablet"]);
  });

  it("by last handshake: never counts as the oldest", async () => {
    expect(await labels({ sort: "handshake", dir: "desc" })).toEqual(["tablet", "laptop/alice", "laptop/bob", "router_1", "100% sure", "phone"]);
    expect(await labels({ sort: "handshake", dir: "asc" })).toEqual(["100% sure", "phone", "router_1", "laptop/bob", "laptop/alice", "tablet"]);
  });

  it("by traffic (received + sent), two saturated counters included; ties by name, then id", async () => {
    expect(await labels({ sort: "traffic", dir: "desc" })).toEqual(["router_1", "tablet", ...laptops(), "100% sure", "phone"]);
    expect(await labels({ sort: "traffic", dir: "asc" })).toEqual(["100% sure", "phone", ...laptops(), "tablet", "router_1"]);
  });
});

describe("listDevicePage: search", () => {
  it("finds names containing the text, whatever the case", async () => {
    expect(await labels({ q: "LAP" })).toEqual(["laptop/alice", "laptop/bob"]);
    expect(await labels({ q: "ablE" })).toEqual(["tablet"]);
  });

  it("finds devices by their owner's email, anywhere in it", async () => {
    expect(await labels({ q: "corp" })).toEqual(["laptop/bob", "router_1"]);
    expect(await labels({ q: "example.or" })).toEqual(["100% sure", "tablet"]);
    expect((await listDevicePage(database.db, params({ q: "EXAMPLE" }), now)).total).toBe(4);
  });

  it("finds addresses by their beginning, IPv4 and IPv6 (any case)", async () => {
    expect(await labels({ q: "10.3.2.3" })).toEqual(["phone", "laptop/bob"]);
    expect(await labels({ q: "FD00::3:2:1E" })).toEqual(["laptop/bob"]);
    expect(await labels({ q: "3.2.3" })).toEqual([]);
  });

  it("finds public keys by their beginning, case-sensitively", async () => {
    expect(await labels({ q: "ABcd" })).toEqual(["phone"]);
    expect(await labels({ q: "zz" })).toEqual(["router_1"]);
    expect(await labels({ q: "Bcd" })).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
    expect(await labels({ q: "%" })).toEqual(["100% sure"]);
    expect(await labels({ q: "_" })).toEqual(["router_1"]);
  });

  it("combines with the owner filter and with any sort; counts only the matches", async () => {
    expect(await labels({ q: "laptop", userId: owners["alice@example.com"]! })).toEqual(["laptop/alice"]);
    expect(await labels({ userId: owners["bob@corp.test"]!, sort: "traffic", dir: "desc" })).toEqual(["router_1", "laptop/bob"]);
    expect(await labels({ q: "example", sort: "traffic", dir: "desc" })).toEqual(["tablet", "laptop/alice", "100% sure", "phone"]);
    expect(await listDevicePage(database.db, params({ q: "no such device" }), now)).toEqual({ rows: [], total: 0 });
  });
});

// 2,000 owners: with fewer, the whole users table is a dozen pages and PostgreSQL rightly reads it
// whole (under a millisecond) rather than use the email index.
describe("at 10,000 devices (2,000 owners)", () => {
  let big: TestDatabase;
  beforeAll(async () => {
    big = await createTestDatabase(inject("templateDatabaseUrl"));
    await seedManyDevices(big.db, { users: 2000, devicesPerUser: 5 });
  });
  afterAll(() => big.drop());

  const plan = async (overrides: Partial<DeviceListParams>) => {
    const statements = deviceListStatements(params(overrides), now);
    return { page: await explain(big.db, statements.page), count: await explain(big.db, statements.count) };
  };

  it("sorts by name and by owner down indexes, and filters by owner with one", async () => {
    expect((await plan({ sort: "name" })).page.indexes).toContain("devices_name_id_idx");
    expect((await plan({ sort: "name", dir: "desc" })).page.indexes).toContain("devices_name_id_idx");
    expect((await plan({ sort: "owner" })).page.indexes).toEqual(expect.arrayContaining(["users_email_key", "devices_user_id_name_key"]));
    const [owner] = await big.db.user.findMany({ take: 1, select: { id: true } });
    const filtered = await plan({ userId: owner!.id, sort: "traffic" });
    expect(filtered.page.indexes).toContain("devices_user_id_name_key");
    expect(filtered.count.indexes).toContain("devices_user_id_name_key");
    expect((await listDevicePage(big.db, params({ userId: owner!.id }), now)).total).toBe(5);
  });

  it("answers every search field from its index, in the page and in the count", async () => {
    // An address is mostly digits: too few trigrams for the name branch, which may then read the
    // devices whole (a few ms at 10,000): only the address's own index is required there.
    const searches: Array<[string, string, boolean]> = [
      ["device-777", "devices_name_trgm_idx", true],
      ["r777@ex", "users_email_trgm_idx", true],
      ["Zm9v", "devices_public_key_prefix_idx", true],
      ["10.64.0.7", "devices_ipv4_text_idx", false],
      ["fd00:64::7", "devices_ipv6_text_idx", false],
    ];
    for (const [q, index, isIndexOnly] of searches) {
      const { page, count } = await plan({ q });
      expect(page.indexes, q).toContain(index);
      expect(count.indexes, q).toContain(index);
      if (isIndexOnly) expect([...page.seqScans, ...count.seqScans], q).not.toContain("devices");
    }
    expect((await listDevicePage(big.db, params({ q: "device-7777" }), now)).rows.map((row) => row.name)).toEqual(["device-7777"]);
  });
});
