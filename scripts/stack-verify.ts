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
import { createDb } from "../lib/db/client";
import { getEnv } from "../lib/env";
import { errorMessage } from "../lib/log";
import { createCommandRunner } from "../lib/run-command";
import { readDump } from "../collector/wireguard";
import { canConnect, canPing, DESTINATION, readGreeting } from "./stack-destination";
import { checkEgressDropRule, checkMetrics, checkPeerToPeer, reportClient, SAMPLE_GAP_MS, type ClientReport } from "./verify-checks";

// The names scripts/stack-network.sh creates.
const SERVER = { netns: "wgui-srv", interfaceName: "wguis0" };
const CLIENTS = [1, 2, 3].map((index) => ({ netns: `wgui-c${index}`, interfaceName: `wguic${index}` }));
// scripts/stack-network.sh's full-tunnel client and public host (the server's end is .1 / ::1).
const FULL_TUNNEL = { netns: "wgui-ft", interfaceName: "wguift" };
const PUBLIC_HOST = { ipv4: "198.18.1.2", ipv6: "2001:db8:1::2", serverIpv4: "198.18.1.1", serverIpv6: "2001:db8:1::1" };
// The server's own end of the destination link: the mock clients route it through the tunnel.
const SERVER_ON_DESTINATION_LINK = "198.19.200.1";
const STATE_DIR = fileURLToPath(new URL("../.stack/", import.meta.url));

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

async function checkStackMetrics(keys: string[]): Promise<string[]> {
  const env = getEnv();
  if (!env.WG_VICTORIAMETRICS_URL) return ["WG_VICTORIAMETRICS_URL is not set in .stack/wiregui.env"];
  const db = createDb(env.DATABASE_URL);
  try {
    return await checkMetrics(db, env.WG_VICTORIAMETRICS_URL, keys);
  } finally {
    await db.$disconnect();
  }
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
    return reportClient(name, key, before.peers, after.peers, now, `${STATE_DIR}collector.log`);
  });
  const clientKeys = keys.filter((key): key is string => typeof key === "string");
  stackProblems.push(...(await checkStackMetrics(clientKeys).catch((error: unknown) => [`metrics cannot be checked: ${errorMessage(error)}`])));
  return { reports, stackProblems };
}

async function checkEgressRule(): Promise<string[]> {
  const db = createDb(getEnv().DATABASE_URL);
  const client = createCommandRunner({ netns: CLIENTS[0]!.netns });
  try {
    const probe = { db, reach: (port: number) => canConnect(client, DESTINATION.ipv4, port), client: CLIENTS[0]!.interfaceName, host: DESTINATION.ipv4, ports: DESTINATION.ports, whereToLook: ".stack/collector.log and .stack/destination.log" };
    return await checkEgressDropRule(probe, "stack:verify");
  } finally {
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

async function checkClientIsolation(): Promise<string[]> {
  const db = createDb(getEnv().DATABASE_URL);
  const [first, second] = [CLIENTS[0]!, CLIENTS[1]!];
  const client = createCommandRunner({ netns: first.netns });
  try {
    const other = await db.device.findFirst({ where: { publicKey: await readClientKey(second) }, select: { ipv4: true } });
    if (!other?.ipv4) return [`no device for ${second.interfaceName} in the database`];
    return await checkPeerToPeer(db, {
      client: first.interfaceName,
      other: { name: second.interfaceName, address: other.ipv4 },
      ping: (address) => canPing(client, address),
      serverOwnAddress: SERVER_ON_DESTINATION_LINK,
      whereToLook: `nft list table inet wiregui in ${SERVER.netns}; .stack/collector.log`,
    });
  } finally {
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
