// Checks the local stack end to end (`npm run stack:verify`): the collector runs, every mock
// client is a peer of the server with a recent handshake, and its traffic counters grow (the
// clients ping the server and the destination host every 3 s); PostgreSQL holds fresh stats and rates for every client and
// VictoriaMetrics has all five metrics with a series per client. Retries until --timeout, then
// prints one line per client and exits non-zero when a check still fails. Then it proves egress
// rules: a drop rule blocks a mock client's TCP port to the destination namespace while another
// port still works, and deleting the rule opens it again (the rule is always removed). Last, NAT
// for full-tunnel clients: the full-tunnel client reaches the "public" host, which has no route
// back to the tunnel, over IPv4 and IPv6, and that host sees the server's address as the source.
// Last, client isolation: with peer to peer off a mock client cannot ping another one nor the
// server's own address on the destination link, but pings the server's tunnel address; turned on
// (through the settings verb, restored afterwards) the clients ping each other.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDb, type Db } from "../lib/db/client";
import { getEnv } from "../lib/env";
import { errorMessage } from "../lib/log";
import { createCommandRunner } from "../lib/run-command";
import { readDump } from "../collector/wireguard";
import type { DumpPeer } from "../lib/wireguard/dump";
import { gatewayAddress } from "../lib/net/allocate";
import { ruleInputSchema } from "../lib/rules/schema";
import { deleteRule, saveRule } from "../lib/rules/service";
import { updateSecuritySettings } from "../lib/settings/security-settings";
import { canConnect, canPing, DESTINATION, readGreeting } from "./stack-destination";

// The names scripts/stack-network.sh creates.
const SERVER = { netns: "wgui-srv", interfaceName: "wguis0" };
const CLIENTS = [1, 2, 3].map((index) => ({ netns: `wgui-c${index}`, interfaceName: `wguic${index}` }));
// scripts/stack-network.sh's full-tunnel client and public host (the server's end is .1 / ::1).
const FULL_TUNNEL = { netns: "wgui-ft", interfaceName: "wguift" };
const PUBLIC_HOST = { ipv4: "198.18.1.2", ipv6: "2001:db8:1::2", serverIpv4: "198.18.1.1", serverIpv6: "2001:db8:1::1" };
// The server's own end of the destination link: the mock clients route it through the tunnel.
const SERVER_ON_DESTINATION_LINK = "198.19.200.1";
const STATE_DIR = fileURLToPath(new URL("../.stack/", import.meta.url));

// WireGuard starts a new handshake every 2 minutes while traffic flows.
const HANDSHAKE_MAX_AGE_S = 180;
// Longer than one round of the clients' pings (every 3 s).
const SAMPLE_GAP_MS = 4_000;

interface ClientReport {
  name: string;
  line: string;
  problems: string[];
}

function isCollectorRunning(): boolean {
  try {
    process.kill(Number(readFileSync(`${STATE_DIR}collector.pid`, "utf8").trim()), 0);
    return true;
  } catch {
    return false;
  }
}

async function readClientKey(client: (typeof CLIENTS)[number]): Promise<string> {
  const { stdout } = await createCommandRunner({ netns: client.netns })("wg", ["show", client.interfaceName, "public-key"]);
  return stdout.trim();
}

function formatBytes(bytes: bigint): string {
  return bytes < 1024n ? `${bytes} B` : `${(Number(bytes) / 1024).toFixed(1)} KiB`;
}

const PER_PEER_METRICS = ["wiregui_peer_rx_bytes", "wiregui_peer_tx_bytes", "wiregui_peer_latest_handshake_seconds", "wiregui_peer_connected"];
// The collector polls every WG_METRICS_POLL_INTERVAL (5 s); a row changes every poll while pinging.
const STATS_MAX_AGE_MS = 20_000;

/** Stats in PostgreSQL and series in VictoriaMetrics for each client key: problems, one per line. */
async function checkMetrics(keys: string[]): Promise<string[]> {
  const env = getEnv();
  const problems: string[] = [];
  const db = createDb(env.DATABASE_URL);
  try {
    const rows = await db.device.findMany({ where: { publicKey: { in: keys } }, select: { name: true, publicKey: true, statsUpdatedAt: true, rxBytesPerSecond: true, txBytesPerSecond: true } });
    for (const key of keys) {
      const row = rows.find((candidate) => candidate.publicKey === key);
      if (!row) problems.push(`no device in PostgreSQL has the public key ${key}`);
      else if (!row.statsUpdatedAt || Date.now() - row.statsUpdatedAt.getTime() > STATS_MAX_AGE_MS) problems.push(`${row.name}'s stats in PostgreSQL are not fresh (changed ${row.statsUpdatedAt?.toISOString() ?? "never"})`);
      else if (!(row.rxBytesPerSecond! > 0 && row.txBytesPerSecond! > 0)) problems.push(`${row.name}'s rates in PostgreSQL are not above zero`);
    }
  } finally {
    await db.$disconnect();
  }
  if (!env.WG_VICTORIAMETRICS_URL) return [...problems, "WG_VICTORIAMETRICS_URL is not set in .stack/wiregui.env"];
  for (const metric of PER_PEER_METRICS) {
    const response = await fetch(`${env.WG_VICTORIAMETRICS_URL}/api/v1/series?${new URLSearchParams({ "match[]": metric, nocache: "1" })}`).catch((error: unknown) => new Error(errorMessage(error)));
    if (response instanceof Error || !response.ok) return [...problems, `VictoriaMetrics at ${env.WG_VICTORIAMETRICS_URL} does not answer: ${response instanceof Error ? response.message : `HTTP ${response.status}`}`];
    const series = ((await response.json()) as { data: Array<{ public_key?: string }> }).data;
    const missing = keys.filter((key) => !series.some((labels) => labels.public_key === key));
    if (missing.length > 0) problems.push(`VictoriaMetrics has no ${metric} series for ${missing.length} client(s)`);
  }
  const total = await fetch(`${env.WG_VICTORIAMETRICS_URL}/api/v1/query?${new URLSearchParams({ query: "wiregui_peers_total", nocache: "1" })}`).then((response) => response.json() as Promise<{ data: { result: Array<{ value: [number, string] }> } }>);
  if (Number(total.data.result[0]?.value[1] ?? 0) < keys.length) problems.push(`wiregui_peers_total is ${total.data.result[0]?.value[1] ?? "missing"}, expected at least ${keys.length}`);
  return problems;
}

async function checkOnce(): Promise<{ reports: ClientReport[]; stackProblems: string[] }> {
  const stackProblems = isCollectorRunning() ? [] : [`the collector is not running (see ${STATE_DIR}collector.log)`];
  const serverRun = createCommandRunner({ netns: SERVER.netns });
  const keys = await Promise.all(CLIENTS.map((client) => readClientKey(client).catch((error: unknown) => new Error(errorMessage(error)))));
  const before = await readDump(serverRun, SERVER.interfaceName);
  await sleep(SAMPLE_GAP_MS);
  const after = await readDump(serverRun, SERVER.interfaceName);
  const now = Date.now();

  const reports = CLIENTS.map((client, index): ClientReport => {
    const key = keys[index]!;
    const name = client.interfaceName;
    if (key instanceof Error) return { name, line: "no interface", problems: [`${name} cannot be read in ${client.netns}: ${key.message}`] };
    const find = (peers: DumpPeer[]) => peers.find((peer) => peer.publicKey === key);
    const [earlier, later] = [find(before.peers), find(after.peers)];
    if (!earlier || !later) {
      return { name, line: "not a peer", problems: [`${name} (${key}) is not a peer of ${SERVER.interfaceName}: see ${STATE_DIR}collector.log`] };
    }
    const problems: string[] = [];
    const age = later.latestHandshakeAt ? Math.round((now - later.latestHandshakeAt.getTime()) / 1000) : null;
    if (age === null) problems.push(`${name} has never completed a handshake`);
    else if (age > HANDSHAKE_MAX_AGE_S) problems.push(`${name}'s last handshake was ${age} s ago`);
    const rx = later.rxBytes - earlier.rxBytes;
    const tx = later.txBytes - earlier.txBytes;
    if (rx <= 0n) problems.push(`the server received nothing from ${name} in ${SAMPLE_GAP_MS / 1000} s`);
    if (tx <= 0n) problems.push(`the server sent nothing to ${name} in ${SAMPLE_GAP_MS / 1000} s`);
    const line = [
      (later.allowedIps[0] ?? "(no address)").padEnd(18),
      `handshake ${age === null ? "never" : `${age} s ago`}`.padEnd(20),
      `rx +${formatBytes(rx)}`.padEnd(14),
      `tx +${formatBytes(tx)}`.padEnd(14),
    ].join(" ");
    return { name, line, problems };
  });
  const clientKeys = keys.filter((key): key is string => typeof key === "string");
  stackProblems.push(...(await checkMetrics(clientKeys).catch((error: unknown) => [`metrics cannot be checked: ${errorMessage(error)}`])));
  return { reports, stackProblems };
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition()) return Date.now() - started;
    await sleep(100);
  }
  return null;
}

/** The administrator the checks change settings and rules as. */
const findAdmin = (db: Db) => db.user.findFirst({ where: { role: "admin", isDisabled: false }, select: { id: true, email: true }, orderBy: { createdAt: "asc" } });

/** Problems, one per line; logs what it did. */
async function checkEgressRule(): Promise<string[]> {
  const db = createDb(getEnv().DATABASE_URL);
  const client = createCommandRunner({ netns: CLIENTS[0]!.netns });
  const { blocked, open } = DESTINATION.ports;
  const reach = (port: number) => canConnect(client, DESTINATION.ipv4, port);
  let ruleId: string | null = null;
  const actor = await findAdmin(db);
  try {
    if (!actor) return ["no enabled administrator in the database to create the rule as"];
    if (!(await reach(blocked)) || !(await reach(open))) return [`${CLIENTS[0]!.interfaceName} cannot reach ${DESTINATION.ipv4} on TCP ${blocked} and ${open} before any rule (see .stack/destination.log)`];
    const input = ruleInputSchema.parse({ action: "drop", destination: DESTINATION.ipv4, protocol: "tcp", ports: String(blocked), priority: 1, description: "stack:verify probe (removed again)", acceptOverlaps: true });
    const saved = await saveRule(db, actor, input);
    if (!saved.saved) return ["the probe rule was not saved"];
    ruleId = saved.id;
    const blockedMs = await waitUntil(async () => !(await reach(blocked)), 15_000);
    if (blockedMs === null) return [`the drop rule did not block TCP ${blocked} within 15 s (see .stack/collector.log)`];
    if (!(await reach(open))) return [`the drop rule for TCP ${blocked} also blocked TCP ${open}`];
    await deleteRule(db, actor, ruleId);
    ruleId = null;
    const reopenedMs = await waitUntil(() => reach(blocked), 15_000);
    if (reopenedMs === null) return [`TCP ${blocked} stayed blocked after the rule was deleted`];
    console.log(
      `  egress rule: drop TCP ${blocked} to ${DESTINATION.ipv4} blocked ${CLIENTS[0]!.interfaceName} within ${blockedMs} ms (probes time out after 2 s), ` +
        `TCP ${open} still open; deleting the rule opened ${blocked} again within ${reopenedMs} ms OK`,
    );
    return [];
  } finally {
    if (ruleId && actor) await deleteRule(db, actor, ruleId).catch(() => {});
    await db.$disconnect();
  }
}

/** Problems, one per line; logs what the public host saw. */
async function checkFullTunnelNat(): Promise<string[]> {
  const client = createCommandRunner({ netns: FULL_TUNNEL.netns });
  const port = DESTINATION.ports.open;
  const problems: string[] = [];
  for (const [host, server] of [[PUBLIC_HOST.ipv4, PUBLIC_HOST.serverIpv4], [PUBLIC_HOST.ipv6, PUBLIC_HOST.serverIpv6]] as const) {
    const greeting = await readGreeting(client, host, port);
    if (greeting === null) problems.push(`${FULL_TUNNEL.interfaceName} (AllowedIPs 0.0.0.0/0, ::/0) cannot reach the public host ${host} on TCP ${port}: is the collector's nat table there? (nft list table inet wiregui_nat in ${SERVER.netns}; see .stack/collector.log)`);
    else if (!greeting.endsWith(`from ${server}`)) problems.push(`the public host ${host} saw "${greeting}", expected the server's address ${server} as the source`);
    else console.log(`  full-tunnel NAT: ${FULL_TUNNEL.interfaceName} -> ${host}:${port} answered "${greeting}" OK`);
  }
  return problems;
}

/** Problems, one per line; logs what it did. The peer to peer setting is put back as it was. */
async function checkClientIsolation(): Promise<string[]> {
  const db = createDb(getEnv().DATABASE_URL);
  const [first, second] = [CLIENTS[0]!, CLIENTS[1]!];
  const client = createCommandRunner({ netns: first.netns });
  const actor = await findAdmin(db);
  const configuration = await db.configuration.findUnique({ where: { id: 1 }, select: { allowPeerToPeer: true, ipv4Network: true } });
  const other = await db.device.findFirst({ where: { publicKey: await readClientKey(second) }, select: { ipv4: true } });
  try {
    if (!actor || !configuration || !other?.ipv4) return ["no administrator, configuration or device for the second mock client in the database"];
    const gateway = gatewayAddress(configuration.ipv4Network);
    const pingOther = () => canPing(client, other.ipv4!);
    if (configuration.allowPeerToPeer) await updateSecuritySettings(db, actor, { allowPeerToPeer: false });
    if ((await waitUntil(async () => !(await pingOther()), 15_000)) === null) return [`${first.interfaceName} can ping ${second.interfaceName} (${other.ipv4}) with peer to peer off: is the forward chain there? (nft list table inet wiregui in ${SERVER.netns})`];
    if (!(await canPing(client, gateway))) return [`${first.interfaceName} cannot ping the server's tunnel address ${gateway}`];
    if (await canPing(client, SERVER_ON_DESTINATION_LINK)) return [`${first.interfaceName} can ping the server's own address ${SERVER_ON_DESTINATION_LINK} through the tunnel: is the input chain there?`];
    await updateSecuritySettings(db, actor, { allowPeerToPeer: true });
    const openedMs = await waitUntil(pingOther, 15_000);
    if (openedMs === null) return [`${first.interfaceName} cannot ping ${second.interfaceName} (${other.ipv4}) within 15 s of turning peer to peer on (see .stack/collector.log)`];
    console.log(
      `  client isolation: with peer to peer off ${first.interfaceName} cannot ping ${second.interfaceName} nor the server's own ${SERVER_ON_DESTINATION_LINK}, ` +
        `pings the server's ${gateway}; peer to peer on, it pings ${second.interfaceName} within ${openedMs} ms OK`,
    );
    return [];
  } finally {
    if (actor && configuration) await updateSecuritySettings(db, actor, { allowPeerToPeer: configuration.allowPeerToPeer }).catch(() => {});
    await db.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({ options: { timeout: { type: "string", default: "30" } } });
  const deadline = Date.now() + Number(values.timeout) * 1000;
  for (;;) {
    let result: Awaited<ReturnType<typeof checkOnce>>;
    try {
      result = await checkOnce();
    } catch (error) {
      result = { reports: [], stackProblems: [`the server's WireGuard interface cannot be read: ${errorMessage(error)} (is the stack up? npm run stack:up)`] };
    }
    const problems = [...result.stackProblems, ...result.reports.flatMap((report) => report.problems)];
    if (problems.length === 0 || Date.now() >= deadline) {
      console.log(`Server ${SERVER.interfaceName} in namespace ${SERVER.netns}, sampled ${SAMPLE_GAP_MS / 1000} s apart:`);
      for (const report of result.reports) console.log(`  ${report.name}  ${report.line} ${report.problems.length === 0 ? "OK" : "FAIL"}`);
      // Rules are checked once the clients work: a client that cannot connect proves nothing.
      if (problems.length === 0) problems.push(...(await checkEgressRule().catch((error: unknown) => [`the egress rule check failed: ${errorMessage(error)}`])));
      if (problems.length === 0) problems.push(...(await checkFullTunnelNat().catch((error: unknown) => [`the full-tunnel NAT check failed: ${errorMessage(error)}`])));
      if (problems.length === 0) problems.push(...(await checkClientIsolation().catch((error: unknown) => [`the client isolation check failed: ${errorMessage(error)}`])));
      for (const problem of problems) console.log(`  - ${problem}`);
      const okCount = result.reports.filter((report) => report.problems.length === 0).length;
      console.log(
        problems.length === 0
          ? `stack:verify passed: ${okCount}/${CLIENTS.length} clients have a recent handshake and growing traffic; PostgreSQL has their fresh stats and VictoriaMetrics all five metrics; an egress drop rule blocks and unblocks a port; a full-tunnel client reaches a host with no route back through the server's NAT; clients are kept apart unless peer to peer is on.`
          : `stack:verify FAILED: ${okCount}/${CLIENTS.length} clients OK, ${problems.length} problem(s).`,
      );
      process.exit(problems.length === 0 ? 0 : 1);
    }
    console.log(`not yet (${problems.length} problem(s): ${problems[0]}); checking again`);
    await sleep(1_000);
  }
}

await main();
