// Stats for real: three clients in their own namespaces keep pinging through a wireguard-go server
// whose interface the collector brought up; the stats cycle writes PostgreSQL and pushes to the real
// VictoriaMetrics binary, which is stopped and restarted to show that an outage leaves no gap; the
// collector process with metrics on stops cleanly on SIGTERM.
// Needs root, wireguard-go and victoria-metrics: it fails (it does not skip) without them.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deriveEncryptionKey, encodeEncryptionKey } from "../lib/crypto/keys";
import { SecretBox } from "../lib/crypto/secret-box";
import { createUser } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice, type CreatedDevice } from "../lib/devices/service";
import { createMetricsPusher, type MetricsPusher } from "../lib/metrics/metrics-pusher";
import { createStatsCycle } from "../lib/metrics/stats-cycle";
import { createStatsLoop, type StatsLoop } from "../lib/metrics/stats-loop";
import { createCommandRunner } from "../lib/run-command";
import { configureMockClient } from "../scripts/mock-client";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import { missingVictoriaMetrics, startVictoriaMetrics, type TestVictoriaMetrics } from "../test/victoria-metrics";
import type { Collector } from "./collector";
import { createMemoryLogger } from "./test-support";

// "wguim" names: unique on the machine and distinct from the other tests' and the local stack's.
const SERVER_IF = "wguims0";
const CLIENT_IFS = ["wguimc1", "wguimc2", "wguimc3"];
const lan: TestLan = {
  serverNetns: "wguim-srv",
  clientNetns: ["wguim-c1", "wguim-c2", "wguim-c3"],
  bridge: "wguimbr0",
  prefix: "198.19.78",
  wireguardInterfaces: [SERVER_IF, ...CLIENT_IFS],
};
const TUNNEL = { ipv4Network: "10.78.0.0/24", ipv6Network: "fd00:78::/120", gateway: "10.78.0.1" };
const LISTEN_PORT = 51978;
const POLL_SECONDS = 1;
const METRIC_NAMES = ["wiregui_peer_rx_bytes", "wiregui_peer_tx_bytes", "wiregui_peer_latest_handshake_seconds", "wiregui_peer_connected", "wiregui_peers_total"];

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const logs = createMemoryLogger();
const authSecret = randomBytes(32).toString("hex");
const secretBox = new SecretBox(authSecret);

let database: TestDatabase;
let vm: TestVictoriaMetrics;
let collector: Collector | undefined;
let pusher: MetricsPusher;
let loop: StatsLoop | undefined;
const pingers: ChildProcess[] = [];
const clients: CreatedDevice[] = [];

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function clientStats() {
  return database.db.device.findMany({
    where: { id: { in: clients.map((client) => client.device.id) } },
    select: { name: true, rxBytes: true, txBytes: true, latestHandshakeAt: true, rxBytesPerSecond: true, txBytesPerSecond: true, remoteEndpoint: true },
    orderBy: { name: "asc" },
  });
}

beforeAll(async () => {
  const missing = [...missingNamespacePrerequisites(), missingVictoriaMetrics()].filter(Boolean);
  if (missing.length > 0) throw new Error(`The stats namespace tests cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: 60_000 });
  const userId = (await createUser(database.db, { email: 'o"brien\\@wiregui.test', passwordHash: null, role: "unprivileged" })).id;
  vm = await startVictoriaMetrics();
  for (const [index, name] of ['phone "work"', "laptop\\home", "tablet\nkitchen"].entries()) {
    const settings = deviceSettingsSchema.parse({ name: name.replace("\n", " "), useDefaultAllowedIps: false, allowedIps: [TUNNEL.ipv4Network, TUNNEL.ipv6Network] });
    const created = await createDevice(database.db, secretBox, { userId, settings });
    clients.push(created);
    await collector.reconcileNow();
    await configureMockClient(createCommandRunner({ netns: lan.clientNetns[index] }), { configText: created.config, interfaceName: CLIENT_IFS[index]! }, logs.log);
    // Traffic that never stops: a ping to the server's tunnel address every 0.2 s.
    pingers.push(spawn("ip", ["netns", "exec", lan.clientNetns[index]!, "ping", "-q", "-i", "0.2", TUNNEL.gateway], { stdio: "ignore" }));
  }
  pusher = createMetricsPusher({ url: vm.url, log: logs.log, bufferSeconds: 600, pollIntervalSeconds: POLL_SECONDS, timeoutMs: 2_000 });
  const runCycle = createStatsCycle({ db: database.db, run: serverRun, interfaceName: SERVER_IF, log: logs.log, source: "collector", pollIntervalSeconds: POLL_SECONDS, pusher });
  loop = createStatsLoop({ intervalMs: POLL_SECONDS * 1000, runCycle, log: logs.log });
  loop.start();
}, 60_000);

afterAll(async () => {
  for (const pinger of pingers) pinger.kill();
  await loop?.stop(3_000);
  await collector?.stop(3_000);
  await vm?.remove();
  await removeLan(lan);
  await database?.drop();
});

describe("stats with wireguard-go, PostgreSQL and VictoriaMetrics", () => {
  it("within a few cycles PostgreSQL shows rising counters, rates and recent handshakes for all three clients", async () => {
    const first = await waitFor(async () => {
      const rows = await clientStats();
      return rows.every((row) => row.rxBytes > 0n && row.latestHandshakeAt) && rows;
    }, 10_000, "first stats of all three clients");
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_SECONDS * 1000));
    const later = await clientStats();
    for (const [index, row] of later.entries()) {
      expect(row.rxBytes).toBeGreaterThan(first[index]!.rxBytes);
      expect(row.txBytes).toBeGreaterThan(first[index]!.txBytes);
      expect(Date.now() - row.latestHandshakeAt!.getTime()).toBeLessThan(180_000);
      // Five 84-byte pings a second each way: about 400-600 B/s.
      expect(row.rxBytesPerSecond).toBeGreaterThan(100);
      expect(row.rxBytesPerSecond).toBeLessThan(10_000);
      expect(row.remoteEndpoint).toMatch(/^198\.19\.78\.1\d:\d+$/);
    }
    const status = await database.db.collectorStatus.findUnique({ where: { interfaceName: SERVER_IF } });
    expect(status).toMatchObject({ source: "collector", pollIntervalSeconds: POLL_SECONDS, peersOnInterface: 3, peersConnected: 3, lastError: null });
    expect(Date.now() - status!.lastCycleAt!.getTime()).toBeLessThan(3_000);
  });

  it("VictoriaMetrics returns all five metric names, with a series per client labelled with owner and escaped device name", async () => {
    const names = await waitFor(async () => {
      const { data } = await vm.get<{ data: string[] }>("/api/v1/label/__name__/values");
      return METRIC_NAMES.every((name) => data.includes(name)) && data;
    }, 10_000, "all five metric names");
    expect(names).toEqual(expect.arrayContaining(METRIC_NAMES));
    for (const name of METRIC_NAMES.slice(0, 4)) {
      const { data } = await vm.get<{ data: Array<Record<string, string>> }>("/api/v1/series", { "match[]": name });
      expect(data.map((series) => series.device_name).sort()).toEqual(["laptop\\home", 'phone "work"', "tablet kitchen"]);
      expect(new Set(data.map((series) => series.user_email))).toEqual(new Set(['o"brien\\@wiregui.test']));
      expect(data.map((series) => series.public_key).sort()).toEqual(clients.map((client) => client.device.publicKey).sort());
    }
    const { data } = await vm.get<{ data: { result: Array<{ value: [number, string] }> } }>("/api/v1/query", { query: "wiregui_peers_total" });
    expect(data.result[0]?.value[1]).toBe("3");
    const connected = await vm.get<{ data: { result: unknown[] } }>("/api/v1/query", { query: "wiregui_peer_connected == 1" });
    expect(connected.data.result).toHaveLength(3);
  });

  it("an outage of VictoriaMetrics leaves no gap: samples taken meanwhile arrive when it is back", async () => {
    const outageStart = Date.now();
    await vm.stop();
    await new Promise((resolve) => setTimeout(resolve, 6 * POLL_SECONDS * 1000));
    expect(pusher.status().buffered).toBeGreaterThanOrEqual(4);
    // PostgreSQL kept being written during the outage.
    const status = await database.db.collectorStatus.findUnique({ where: { interfaceName: SERVER_IF } });
    expect(status!.lastCycleAt!.getTime()).toBeGreaterThan(outageStart + 3_000);
    expect(status!.lastPushError).toContain("/api/v1/import/prometheus");
    const outageEnd = Date.now();
    await vm.start();
    await waitFor(async () => pusher.status().buffered === 0, 10_000, "the buffer to drain");

    const exportUrl = `${vm.url}/api/v1/export?${new URLSearchParams({
      "match[]": `wiregui_peer_rx_bytes{public_key="${clients[0]!.device.publicKey}"}`,
      start: String(Math.floor((outageStart - 3_000) / 1000)),
      end: String(Math.ceil((outageEnd + 2_000) / 1000)),
    })}`;
    // Freshly imported samples become searchable within a couple of seconds.
    const timestamps = await waitFor(async () => {
      const lines = (await fetch(exportUrl).then((response) => response.text())).trim().split("\n").filter(Boolean);
      const found = lines.flatMap((line) => (JSON.parse(line) as { timestamps: number[] }).timestamps).sort((a, b) => a - b);
      return found.filter((at) => at > outageStart && at < outageEnd).length >= 4 && found;
    }, 15_000, "the samples taken during the outage");
    const gaps = timestamps.slice(1).map((at, index) => at - timestamps[index]!);
    expect(Math.max(...gaps)).toBeLessThan(POLL_SECONDS * 1000 * 2.5);
    expect(logs.text()).toMatch(/VictoriaMetrics answers again: sent \d+ buffered batches/);
  });

  it("the collector process with metrics on pushes, then exits 0 soon after SIGTERM", async () => {
    await loop?.stop(3_000);
    loop = undefined;
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./main.ts", import.meta.url))], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        WIREGUI_ENCRYPTION_KEY: encodeEncryptionKey(deriveEncryptionKey(authSecret)),
        WG_INTERFACE: SERVER_IF,
        WG_NETNS: lan.serverNetns,
        WG_METRICS_ENABLED: "true",
        WG_METRICS_POLL_INTERVAL: "1",
        WG_VICTORIAMETRICS_URL: vm.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const since = Date.now();
    await waitFor(async () => {
      const status = await database.db.collectorStatus.findUnique({ where: { interfaceName: SERVER_IF } });
      return status?.lastPushAt && status.lastPushAt.getTime() > since;
    }, 20_000, `the collector process to push (output: ${output})`);
    const stopping = performance.now();
    child.kill("SIGTERM");
    const code = await exited;
    const tookMs = Math.round(performance.now() - stopping);
    console.info(`[stats.int] collector with metrics exited ${code} ${tookMs} ms after SIGTERM`);
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(5_000);
    expect(output).toContain("stats every 1 s to PostgreSQL and http://127.0.0.1:");
    expect(output).toContain("stopped");
    for (const client of clients) expect(output).not.toContain(client.config.match(/PrivateKey = (.+)/)![1]!);
  });
});
