// Egress rules enforced for real: the collector applies rules saved through the rules service to
// nftables in a wireguard-go server namespace, and mock clients' TCP connections to a destination
// namespace are blocked or let through accordingly (IPv4 and IPv6, global and per-user rules,
// order), only differences are applied, and a restarted collector rebuilds the table.
// Needs root, wireguard-go and nft: it fails (it does not skip) without them, saying why.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SecretBox } from "../lib/crypto/secret-box";
import type { CreatedDevice } from "../lib/devices/service";
import { createCommandRunner } from "../lib/run-command";
import { ruleInputSchema } from "../lib/rules/schema";
import { deleteRule, saveRule } from "../lib/rules/service";
import { canConnect as canConnectFrom, DESTINATION } from "../scripts/stack-destination";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { lanAddress, missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import { waitFor } from "../test/wait-for";
import { createCollector, type Collector } from "./collector";
import { addHostBehindServer, addMockClients, createMemoryLogger } from "./test-support";

// "wguir" names: unique on the machine, apart from the other namespace tests' and the stacks'.
const SERVER_IF = "wguirs0";
const CLIENT_IFS = ["wguirc1", "wguirc2"];
const lan: TestLan = {
  serverNetns: "wguir-srv",
  // The third "client" is the destination host on the server's LAN: no WireGuard, two TCP ports.
  clientNetns: ["wguir-c1", "wguir-c2", "wguir-dst"],
  bridge: "wguirbr0",
  prefix: "198.19.78",
  wireguardInterfaces: [SERVER_IF, ...CLIENT_IFS],
};
const TUNNEL = { ipv4Network: "10.78.0.0/24", ipv6Network: "fd00:78::/120" };
const DESTINATION_V4 = lanAddress(lan, 2);
const LAN_V6 = { server: "fd00:78:1::1", destination: "fd00:78:1::13" };
const PORTS = DESTINATION.ports;
const LISTEN_PORT = 51978;
// Long, so only LISTEN/NOTIFY can explain a rule taking effect quickly.
const PERIODIC_INTERVAL_MS = 60_000;

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const clientRun = (index: number) => createCommandRunner({ netns: lan.clientNetns[index] });
const logs = createMemoryLogger();
const secretBox = new SecretBox(randomBytes(32).toString("hex"));

let database: TestDatabase;
let collector: Collector | undefined;
const admin = { id: "", email: "admin@wiregui.test" };
const users: Array<{ id: string; device: CreatedDevice }> = [];

/** A TCP connection from a client namespace through the tunnel (a dropped SYN gives up after 2 s). */
const canConnect = (clientIndex: number, host: string, port: number) => canConnectFrom(clientRun(clientIndex), host, port);

// One probe at a time: parallel ones on a loaded machine could time out for the wrong reason.
async function reachability(clientIndex: number) {
  const v4Blocked = await canConnect(clientIndex, DESTINATION_V4, PORTS.blocked);
  const v4Open = await canConnect(clientIndex, DESTINATION_V4, PORTS.open);
  const v6Blocked = await canConnect(clientIndex, LAN_V6.destination, PORTS.blocked);
  const v6Open = await canConnect(clientIndex, LAN_V6.destination, PORTS.open);
  return { [`v4:${PORTS.blocked}`]: v4Blocked, [`v4:${PORTS.open}`]: v4Open, [`v6:${PORTS.blocked}`]: v6Blocked, [`v6:${PORTS.open}`]: v6Open };
}

const everythingOpen = { [`v4:${PORTS.blocked}`]: true, [`v4:${PORTS.open}`]: true, [`v6:${PORTS.blocked}`]: true, [`v6:${PORTS.open}`]: true };

async function save(fields: Record<string, unknown>) {
  const result = await saveRule(database.db, admin, { ...ruleInputSchema.parse({ acceptOverlaps: true, ...fields }) });
  if (!result.saved) throw new Error(`not saved: ${result.overlaps.join(" ")}`);
  return result.id;
}

async function ruleHandles(): Promise<number[]> {
  const { stdout } = await serverRun("nft", ["-j", "list", "chain", "inet", "wiregui", "egress"]);
  return (JSON.parse(stdout) as { nftables: Array<{ rule?: { handle: number } }> }).nftables.flatMap((object) => (object.rule ? [object.rule.handle] : []));
}

function startCollector() {
  const started = createCollector({
    db: database.db,
    databaseUrl: database.url,
    secretBox,
    run: serverRun,
    log: logs.log,
    interfaceName: SERVER_IF,
    shouldManageInterface: true,
    reconcileIntervalMs: PERIODIC_INTERVAL_MS,
  });
  started.start();
  return started;
}

beforeAll(async () => {
  const missing = missingNamespacePrerequisites();
  if (missing.length > 0) throw new Error(`The egress rules namespace test cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: PERIODIC_INTERVAL_MS });
  admin.id = (await database.db.user.findUniqueOrThrow({ where: { email: admin.email } })).id;

  // The destination: IPv6 on the LAN too, routes back to the tunnel networks via the server.
  await addHostBehindServer(lan, 2, TUNNEL, { server: LAN_V6.server, host: LAN_V6.destination });
  const clients = ["ann@wiregui.test", "bob@wiregui.test"].map((email, index) => ({ netns: lan.clientNetns[index]!, interfaceName: CLIENT_IFS[index]!, email }));
  users.push(...(await addMockClients({ db: database.db, secretBox, log: logs.log }, clients, [TUNNEL.ipv4Network, TUNNEL.ipv6Network, `${DESTINATION_V4}/32`, `${LAN_V6.destination}/128`])));
  await waitFor(async () => (await reachability(0))[`v4:${PORTS.open}`] === true, 15_000, "the destination through the tunnel");
});

afterAll(async () => {
  await collector?.stop(3_000);
  await removeLan(lan);
  await database?.drop();
});

describe("egress rules with nftables in the WireGuard namespace", () => {
  let globalDrop = "";
  let bobV6Drop = "";

  it("reaches the destination on both ports over IPv4 and IPv6 with no rules", async () => {
    expect(await reachability(0)).toEqual(everythingOpen);
    expect(await reachability(1)).toEqual(everythingOpen);
  });

  it("a global drop rule blocks that port for every user at once; the other port and IPv6 still work", async () => {
    globalDrop = await save({ action: "drop", destination: DESTINATION_V4, protocol: "tcp", ports: String(PORTS.blocked), priority: 100 });
    const latency = await waitFor(async () => (await serverRun("nft", ["list", "chain", "inet", "wiregui", "egress"])).stdout.includes(globalDrop), 5_000, "the drop rule in nftables");
    console.info(`[rules.int] global drop rule in nftables ${latency} ms after saveRule returned (periodic pass every ${PERIODIC_INTERVAL_MS / 1000} s)`);
    const expected = { ...everythingOpen, [`v4:${PORTS.blocked}`]: false };
    expect(await reachability(0)).toEqual(expected);
    expect(await reachability(1)).toEqual(expected);
  });

  it("a user's rule applies to that user's devices only", async () => {
    bobV6Drop = await save({ action: "drop", destination: LAN_V6.destination, protocol: "any", ports: String(PORTS.open), userId: users[1]!.id });
    await waitFor(async () => !(await canConnect(1, LAN_V6.destination, PORTS.open)), 10_000, "bob's IPv6 drop rule");
    expect(await reachability(1)).toEqual({ ...everythingOpen, [`v4:${PORTS.blocked}`]: false, [`v6:${PORTS.open}`]: false });
    expect(await reachability(0)).toEqual({ ...everythingOpen, [`v4:${PORTS.blocked}`]: false });
  });

  it("an earlier accept rule wins over a later drop for the traffic both match", async () => {
    await save({ action: "accept", destination: "198.19.78.0/24", protocol: "tcp", ports: "8000-8100", userId: users[0]!.id, priority: 50 });
    await waitFor(async () => canConnect(0, DESTINATION_V4, PORTS.blocked), 5_000, "ann's accept rule");
    expect(await reachability(0)).toEqual(everythingOpen);
    expect((await reachability(1))[`v4:${PORTS.blocked}`]).toBe(false);
  });

  it("a device address change updates only its owner's set: the rules keep their nftables handles", async () => {
    const handles = await ruleHandles();
    const device = users[0]!.device.device;
    await database.db.device.update({ where: { id: device.id }, data: { ipv4: "10.78.0.77" } });
    await waitFor(async () => (await serverRun("nft", ["list", "table", "inet", "wiregui"])).stdout.includes("10.78.0.77"), 5_000, "the new address in ann's set");
    expect(await ruleHandles()).toEqual(handles);
    await database.db.device.update({ where: { id: device.id }, data: { ipv4: device.ipv4 } });
    await waitFor(async () => !(await serverRun("nft", ["list", "table", "inet", "wiregui"])).stdout.includes("10.78.0.77"), 5_000, "the address to return");
    expect(await ruleHandles()).toEqual(handles);
  });

  it("a restarted collector rebuilds the rules from the database, including changes made while it was down", async () => {
    await collector!.stop(3_000);
    collector = undefined;
    await serverRun("nft", ["delete", "table", "inet", "wiregui"]);
    await deleteRule(database.db, admin, bobV6Drop);
    expect(await reachability(1)).toEqual(everythingOpen);

    collector = startCollector();
    await collector.reconcileNow();
    expect(await reachability(1)).toEqual({ ...everythingOpen, [`v4:${PORTS.blocked}`]: false });
    expect(await reachability(0)).toEqual(everythingOpen);
    expect(logs.text()).toMatch(/egress rules: 2 rule\(s\) and client isolation \(peer to peer off; .*\) rebuilt in nftables table inet wiregui/);
  });

  it("deleting the drop rule restores the traffic", async () => {
    await deleteRule(database.db, admin, globalDrop);
    await waitFor(async () => canConnect(1, DESTINATION_V4, PORTS.blocked), 5_000, "the port to open again");
    expect(await reachability(1)).toEqual(everythingOpen);
    const status = await database.db.egressRulesStatus.findUniqueOrThrow({ where: { interfaceName: SERVER_IF } });
    expect(status).toMatchObject({ ruleCount: 1, lastError: null });
    expect(status.appliedAt).toBeInstanceOf(Date);
  });
});
