// The stats cycle against the real PostgreSQL, fed synthetic `wg show dump` output (the dump is
// the only fake: the namespace test in collector/stats.int.test.ts reads a real interface).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFakeRunner, createMemoryLogger } from "../../collector/test-support";
import type { Db } from "../db/client";
import { createUser } from "../db/users";
import { generateKeyPair } from "../wireguard/keys";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createStatsCycle } from "./stats-cycle";

interface Peer {
  publicKey: string;
  rx: bigint;
  tx: bigint;
  handshake: number;
  endpoint: string;
}

const server = generateKeyPair();
let database: TestDatabase;
let peers: Peer[] = [];
let extraLines: string[] = [];
/** A peer whose line the dump garbles (its rx counter is not a number). */
let garbledKey: string | null = null;
let clock = 1_900_000_000_000;
let statements = 0;

function dumpText(): string {
  return [
    [server.privateKey, server.publicKey, "51820", "off"].join("\t"),
    ...peers.map((peer) => [peer.publicKey, "(none)", peer.endpoint, "10.0.0.2/32", String(peer.handshake), peer.publicKey === garbledKey ? "-5" : String(peer.rx), String(peer.tx), "off"].join("\t")),
    ...extraLines,
  ].join("\n");
}

/** The test database, counting the statements the cycle sends. */
function countingDb(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === "$queryRaw" || property === "$executeRaw") {
        return (...args: unknown[]) => {
          statements += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === "collectorStatus") {
        return new Proxy(value as object, {
          get(delegate, method) {
            const fn = Reflect.get(delegate, method);
            return typeof fn === "function" ? (...args: unknown[]) => ((statements += 1), fn.apply(delegate, args)) : fn;
          },
        });
      }
      return value;
    },
  });
}

async function addDevices(count: number, userId: string): Promise<Peer[]> {
  const created: Peer[] = [];
  const rows = Array.from({ length: count }, (_, index) => {
    const publicKey = generateKeyPair().publicKey;
    created.push({ publicKey, rx: 0n, tx: 0n, handshake: 0, endpoint: "(none)" });
    return { userId, name: `device-${peers.length + index}`, publicKey };
  });
  await database.db.device.createMany({ data: rows });
  return created;
}

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});

afterAll(async () => {
  await database?.drop();
});

describe("stats cycle", () => {
  const logs = createMemoryLogger();
  const { run } = createFakeRunner(() => ({ stdout: dumpText(), stderr: "" }));
  let cycle: ReturnType<typeof createStatsCycle>;

  beforeAll(async () => {
    const user = await createUser(database.db, { email: `stats-${randomBytes(3).toString("hex")}@wiregui.test`, passwordHash: null, role: "unprivileged" });
    peers = await addDevices(3, user.id);
    cycle = createStatsCycle({ db: countingDb(database.db), run, interfaceName: "wg0", log: logs.log, source: "collector", pollIntervalSeconds: 5, now: () => clock });
  });

  async function rowOf(peer: Peer) {
    return database.db.device.findUniqueOrThrow({ where: { publicKey: peer.publicKey } });
  }

  it("writes every device at first sight and when its rate becomes known, then only rows that changed", async () => {
    expect((await cycle()).written).toBe(3);
    clock += 5_000;
    expect((await cycle()).written).toBe(3);
    expect((await rowOf(peers[0]!)).rxBytesPerSecond).toBe(0);
    clock += 5_000;
    expect((await cycle()).written).toBe(0);
    peers[1]!.rx += 5_000n;
    peers[1]!.handshake = Math.floor(clock / 1000);
    peers[1]!.endpoint = "[fe80::1%eth0]:51820";
    clock += 5_000;
    const summary = await cycle();
    expect(summary).toMatchObject({ peers: 3, devicesSeen: 3, written: 1, connected: 1 });
    const row = await rowOf(peers[1]!);
    expect(row).toMatchObject({ rxBytes: 5_000n, rxBytesPerSecond: 1_000, txBytesPerSecond: 0, remoteEndpoint: "[fe80::1%eth0]:51820" });
    expect(row.latestHandshakeAt?.getTime()).toBe(Math.floor((clock - 5_000) / 1000) * 1000);
    expect(row.statsUpdatedAt?.getTime()).toBe(clock);
    // The rate drops back to zero once traffic stops (one more write), then nothing is written.
    clock += 5_000;
    expect((await cycle()).written).toBe(1);
    expect((await rowOf(peers[1]!)).rxBytesPerSecond).toBe(0);
    clock += 5_000;
    expect((await cycle()).written).toBe(0);
  });

  it("sends a constant number of statements per cycle, whatever the peer count", async () => {
    for (const peer of peers) peer.rx += 1n;
    statements = 0;
    clock += 5_000;
    expect((await cycle()).written).toBe(3);
    // The devices' version, the update of changed rows, the cycle's status.
    expect(statements).toBe(3);
    const user = await database.db.user.findFirstOrThrow({ where: { email: { startsWith: "stats-" } } });
    peers.push(...(await addDevices(2_000, user.id)));
    for (const peer of peers) peer.rx += 1n;
    statements = 0;
    clock += 5_000;
    expect((await cycle()).written).toBe(2_003);
    // Devices were added: one more statement reads them all again.
    expect(statements).toBe(4);
    for (const peer of peers) peer.rx += 1n;
    statements = 0;
    clock += 5_000;
    expect((await cycle()).written).toBe(2_003);
    expect(statements).toBe(3);
    // Nothing changed: nothing is written.
    statements = 0;
    clock += 5_000;
    await cycle();
    clock += 5_000;
    statements = 0;
    expect((await cycle()).written).toBe(0);
    expect(statements).toBe(2);
  });

  it("reads a renamed device's new name for its labels", async () => {
    await database.db.device.update({ where: { publicKey: peers[0]!.publicKey }, data: { name: "renamed" } });
    const labelled: string[] = [];
    const pusher = { enqueue: async (text: string) => void labelled.push(text), flush: async () => true, status: () => ({ lastPushAt: null, lastError: null, buffered: 0, dropped: 0 }) };
    const withPusher = createStatsCycle({ db: database.db, run, interfaceName: "wg0", log: logs.log, source: "collector", pollIntervalSeconds: 5, pusher, now: () => clock });
    clock += 5_000;
    await withPusher();
    expect(labelled[0]).toContain(`wiregui_peer_rx_bytes{public_key="${peers[0]!.publicKey}",user_email="stats-`);
    expect(labelled[0]).toContain('device_name="renamed"} ');
  });

  it("stores u64 counters exactly up to PostgreSQL's bigint, saturating beyond, and survives a reset without a negative or absurd rate", async () => {
    const peer = peers[0]!;
    peer.rx = (1n << 64n) - 1n;
    peer.tx = 9_007_199_254_740_993n;
    clock += 5_000;
    await cycle();
    // A jump of 2^64 bytes in 5 s is not traffic: the rate is unknown, not 3.7 EB/s.
    expect(await rowOf(peer)).toMatchObject({ rxBytes: (1n << 63n) - 1n, txBytes: 9_007_199_254_740_993n, rxBytesPerSecond: null, txBytesPerSecond: null });
    clock += 5_000;
    expect((await cycle()).written).toBe(1);
    // The peer was re-added: its counters start again from zero.
    peer.rx = 2_500n;
    peer.tx = 0n;
    clock += 5_000;
    await cycle();
    expect(await rowOf(peer)).toMatchObject({ rxBytes: 2_500n, rxBytesPerSecond: 500, txBytesPerSecond: 0 });
  });

  it("after a restart, rates continue from the stored row instead of starting over", async () => {
    const fresh = createStatsCycle({ db: database.db, run, interfaceName: "wg0", log: logs.log, source: "collector", pollIntervalSeconds: 5, now: () => clock });
    const peer = peers[2]!;
    peer.tx += 10_000n;
    clock += 10_000;
    await fresh();
    expect((await rowOf(peer)).txBytesPerSecond).toBe(1_000);
  });

  it("skips a malformed line, logs it once with its line number, and never logs the private key", async () => {
    extraLines = ["garbage\tline", `${generateKeyPair().publicKey}\t(none)\t(none)\t10.0.0.9/32\t0\t-5\t0\toff`];
    for (let round = 0; round < 3; round += 1) {
      clock += 5_000;
      await cycle();
    }
    const warnings = logs.lines.filter((entry) => entry.level === "warn").map((entry) => entry.line);
    expect(warnings.filter((line) => line.includes("got 2 fields"))).toHaveLength(1);
    expect(warnings.find((line) => line.includes("rx bytes is not an unsigned 64-bit counter"))).toMatch(new RegExp(`line ${peers.length + 3}: `));
    expect(logs.text()).not.toContain(server.privateKey);
    extraLines = [];
  });

  it("reports a handshake no Date can hold as a problem of that line only, and still writes the good peers", async () => {
    // 2^53 - 1 s is a safe integer but beyond 8.64e12 s, the last moment a Date holds. Before the
    // parser refused it, it became an Invalid Date and its NaN went into the batched update (which
    // here stored NULL over the peer's handshake, every cycle, without a word in the log).
    const bad = peers[1]!;
    const good = [peers[0]!, peers[2]!];
    const storedHandshake = (await rowOf(bad)).latestHandshakeAt;
    expect(storedHandshake).not.toBeNull();
    const badHandshake = bad.handshake;
    bad.handshake = Number.MAX_SAFE_INTEGER;
    const before = logs.lines.length;
    const summaries = [];
    for (let round = 0; round < 3; round += 1) {
      for (const peer of good) peer.rx += 7_000n;
      clock += 5_000;
      summaries.push(await cycle());
    }
    const warnings = logs.lines.slice(before).filter((entry) => entry.level === "warn").map((entry) => entry.line);
    expect(warnings).toEqual([expect.stringContaining(`wg show wg0 dump, line 3: peer ${bad.publicKey}: latest handshake is not a whole number from 0 to 8640000000000; line skipped`)]);
    expect(summaries.map((summary) => [summary.peers, summary.written])).toEqual([
      [peers.length - 1, 2],
      [peers.length - 1, 2],
      [peers.length - 1, 2],
    ]);
    for (const peer of good) expect(await rowOf(peer)).toMatchObject({ rxBytes: peer.rx, rxBytesPerSecond: 1_400, statsUpdatedAt: new Date(clock) });
    expect((await rowOf(bad)).latestHandshakeAt).toEqual(storedHandshake);
    expect((await database.db.collectorStatus.findUniqueOrThrow({ where: { interfaceName: "wg0" } })).lastError).toBeNull();
    bad.handshake = badHandshake;
  });

  it("does not treat a peer whose line was garbled once as gone: its rate stays", async () => {
    const peer = peers[2]!;
    peer.tx += 50_000n;
    clock += 5_000;
    await cycle();
    expect((await rowOf(peer)).txBytesPerSecond).toBe(10_000);
    garbledKey = peer.publicKey;
    clock += 5_000;
    await cycle();
    garbledKey = null;
    expect((await rowOf(peer)).txBytesPerSecond).toBe(10_000);
    // The next good reading is compared with the last good one, over the time between them.
    peer.tx += 100_000n;
    clock += 5_000;
    await cycle();
    expect((await rowOf(peer)).txBytesPerSecond).toBe(10_000);
  });

  it("records a failed dump in the collector status and throws for the loop to log", async () => {
    const failing = createStatsCycle({
      db: database.db,
      run: createFakeRunner(() => new Error("Unable to access interface: No such device")).run,
      interfaceName: "wg9",
      log: logs.log,
      source: "web",
      pollIntervalSeconds: 60,
    });
    await expect(failing()).rejects.toThrow("No such device");
    expect(await database.db.collectorStatus.findUnique({ where: { interfaceName: "wg9" } })).toMatchObject({
      source: "web",
      pollIntervalSeconds: 60,
      lastCycleAt: null,
      lastError: expect.stringContaining("No such device"),
    });
  });
});
