// Benchmark of the collector's stats cycle (`npm run bench:collector`, as root): a wireguard-go
// interface in its own namespace with N synthetic peers, N devices in a scratch database, the real
// VictoriaMetrics binary. For 1,000 and 10,000 peers it reports the bare `wg show dump` time, the
// parser's time per peer, and whole cycles (dump -> parse -> PostgreSQL -> VictoriaMetrics push):
// steady (nothing changed), worst case (every device re-read and every row rewritten) and the first
// cycle. Cleans up after
// itself, and first removes what an interrupted run left ("wguib" names, the wiregui_bench database).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../cli/database";
import { createDb, type Db } from "../lib/db/client";
import { createLogger } from "../lib/log";
import { createMetricsPusher } from "../lib/metrics/metrics-pusher";
import { createStatsCycle } from "../lib/metrics/stats-cycle";
import { createCommandRunner } from "../lib/run-command";
import { parseDump } from "../lib/wireguard/dump";
import { generateKeyPair } from "../lib/wireguard/keys";
import { readDump } from "../lib/wireguard/read-dump";
import { runAsAdmin, withDatabase } from "../test/database";
import { startVictoriaMetrics, type TestVictoriaMetrics } from "../test/victoria-metrics";

const NETNS = "wguib-srv";
const INTERFACE = "wguibs0";
const DATABASE = "wiregui_bench";
const ROUNDS = 7;

const host = createCommandRunner();
const run = createCommandRunner({ netns: NETNS });
const quiet = createLogger("bench", () => undefined);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(action: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await action();
  return [performance.now() - started, result];
}

async function removeLeftovers(baseUrl: string) {
  const namespaces = (await host("ip", ["netns", "list"])).stdout;
  if (namespaces.split("\n").some((line) => line.split(" ")[0] === NETNS)) {
    const pids = (await host("ip", ["netns", "pids", NETNS])).stdout.split(/\s+/).filter(Boolean);
    for (const pid of pids) process.kill(Number(pid), "SIGKILL");
    await host("ip", ["netns", "delete", NETNS]);
  }
  rmSync(`/var/run/wireguard/${INTERFACE}.sock`, { force: true });
  await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
}

/** The interface with `count` peers, configured in one `wg setconf`. */
async function createInterface(keys: string[]) {
  await host("ip", ["netns", "add", NETNS]);
  await run("ip", ["link", "set", "lo", "up"]);
  await run("wireguard-go", [INTERFACE], { env: { WG_PROCESS_FOREGROUND: undefined } });
  const dir = mkdtempSync(join(tmpdir(), "wiregui-bench-"));
  const lines = ["[Interface]", `PrivateKey = ${generateKeyPair().privateKey}`, "ListenPort = 51999"];
  keys.forEach((key, index) => lines.push("[Peer]", `PublicKey = ${key}`, `AllowedIPs = 10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}/32`));
  writeFileSync(join(dir, "wg.conf"), `${lines.join("\n")}\n`, { mode: 0o600 });
  await run("wg", ["setconf", INTERFACE, join(dir, "wg.conf")], { timeoutMs: 120_000 });
  rmSync(dir, { recursive: true, force: true });
  await run("ip", ["link", "set", INTERFACE, "up"]);
}

async function createDevices(db: Db, keys: string[]) {
  await db.device.deleteMany({});
  const user = await db.user.upsert({ where: { email: "bench@wiregui.test" }, create: { email: "bench@wiregui.test", role: "unprivileged" }, update: {} });
  for (let start = 0; start < keys.length; start += 5_000) {
    await db.device.createMany({ data: keys.slice(start, start + 5_000).map((publicKey, index) => ({ userId: user.id, name: `bench device "${start + index}"`, publicKey })) });
  }
}

async function benchmark(db: Db, vm: TestVictoriaMetrics, count: number) {
  const keys = Array.from({ length: count }, () => generateKeyPair().publicKey);
  await createInterface(keys);
  await createDevices(db, keys);

  const dumpTimes: number[] = [];
  let dumpBytes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const [ms, result] = await timed(() => run("wg", ["show", INTERFACE, "dump"]));
    dumpTimes.push(ms);
    dumpBytes = result.stdout.length;
  }
  const text = (await run("wg", ["show", INTERFACE, "dump"])).stdout;
  const parseTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const parsed = parseDump(text);
    parseTimes.push(performance.now() - started);
    if (parsed.peers.length !== count) throw new Error(`parsed ${parsed.peers.length} peers, expected ${count}`);
  }
  if ((await readDump(run, INTERFACE)).peers.length !== count) throw new Error("the interface does not hold every peer");

  const pusher = createMetricsPusher({ url: vm.url, log: quiet, bufferSeconds: 600, pollIntervalSeconds: 5 });
  let clock = Date.now();
  const cycle = createStatsCycle({ db, run, interfaceName: INTERFACE, log: quiet, source: "collector", pollIntervalSeconds: 5, pusher, now: () => clock });
  /** ms until the cycle returned (what the loop waits for), and until VictoriaMetrics acknowledged its samples. */
  const fullCycle = async () => {
    clock += 5_000;
    const started = performance.now();
    const summary = await cycle();
    const loopMs = performance.now() - started;
    if (!(await pusher.flush(Date.now() + 30_000))) throw new Error(`VictoriaMetrics push failed: ${pusher.status().lastError}`);
    return { loopMs, ms: performance.now() - started, summary };
  };
  const first = await fullCycle();
  await fullCycle(); // rates become known: every row is written once more
  const steady: Array<{ loopMs: number; ms: number }> = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = await fullCycle();
    steady.push(result);
    if (process.env.BENCH_PHASES) console.error("steady", result.ms.toFixed(0), JSON.stringify(result.summary.phases));
  }
  const worst: Array<{ loopMs: number; ms: number }> = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    // Every stored counter now differs from the interface's, and the devices' version changed: the
    // cycle reads every device again and rewrites every row (the worst case).
    await db.$executeRawUnsafe("UPDATE devices SET rx_bytes = rx_bytes + 1, updated_at = now()");
    const result = await fullCycle();
    if (result.summary.written !== count) throw new Error(`worst case wrote ${result.summary.written} rows, expected ${count}`);
    worst.push(result);
    if (process.env.BENCH_PHASES) console.error("worst", result.ms.toFixed(0), JSON.stringify(result.summary.phases));
  }
  await host("ip", ["netns", "delete", NETNS]);
  rmSync(`/var/run/wireguard/${INTERFACE}.sock`, { force: true });
  const dump = median(dumpTimes);
  return {
    peers: count,
    dumpMs: dump,
    dumpMiB: dumpBytes / 1048576,
    parseUsPerPeer: (median(parseTimes) * 1000) / count,
    firstMs: first.ms,
    steadyLoopMs: median(steady.map((result) => result.loopMs)),
    steadyMs: median(steady.map((result) => result.ms)),
    worstLoopMs: median(worst.map((result) => result.loopMs)),
    worstMs: median(worst.map((result) => result.ms)),
  };
}

async function main() {
  const { values } = parseArgs({ options: { peers: { type: "string", default: "1000,10000" } } });
  const counts = values.peers.split(",").map(Number);
  if (counts.some((count) => !Number.isInteger(count) || count < 1 || count > 60_000)) throw new Error("--peers takes counts from 1 to 60000, comma separated");
  if (process.getuid?.() !== 0) throw new Error("run as root: the benchmark creates a network namespace and a WireGuard interface");
  const baseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";
  await removeLeftovers(baseUrl);
  await runAsAdmin(baseUrl, `CREATE DATABASE "${DATABASE}"`);
  const url = withDatabase(baseUrl, DATABASE);
  applyMigrations(url);
  const db = createDb(url);
  const vm = await startVictoriaMetrics();
  const results = [];
  try {
    for (const count of counts) {
      console.error(`benchmarking ${count} peers...`);
      results.push(await benchmark(db, vm, count));
    }
  } finally {
    await db.$disconnect();
    await vm.remove();
    await removeLeftovers(baseUrl);
  }
  const cpu = (await host("sh", ["-c", "nproc; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])).stdout.trim().split("\n");
  console.log(`Collector stats cycle, ${cpu[0]} CPUs (${cpu[1]?.trim()}), median of ${ROUNDS} cycles.`);
  console.log("loop = dump + parse + PostgreSQL + samples handed to the pusher (what the 5 s loop waits for); +VM = until VictoriaMetrics acknowledged the push");
  console.log("| peers | wg show dump | parse per peer | steady: loop / +VM | every row changed: loop / +VM | first cycle | steady loop ÷ dump | worst +VM ÷ dump |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of results) {
    console.log(
      `| ${r.peers.toLocaleString("en")} | ${r.dumpMs.toFixed(0)} ms (${r.dumpMiB.toFixed(2)} MiB) | ${r.parseUsPerPeer.toFixed(1)} µs | ${r.steadyLoopMs.toFixed(0)} / ${r.steadyMs.toFixed(0)} ms | ` +
        `${r.worstLoopMs.toFixed(0)} / ${r.worstMs.toFixed(0)} ms | ${r.firstMs.toFixed(0)} ms | ${(r.steadyLoopMs / r.dumpMs).toFixed(1)}× | ${(r.worstMs / r.dumpMs).toFixed(1)}× |`,
    );
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await main().catch((error: unknown) => {
  console.error(`bench-collector: error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
