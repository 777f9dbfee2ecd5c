// Client isolation enforced for real, with traffic: two mock clients, a host behind the server on
// its LAN and a wireguard-go server that serves TCP on an address of its own. By default a client
// cannot reach the other client, can ping the server's tunnel addresses and reach the host behind
// the server (its replies pass), but cannot reach the server's own services, which an egress
// accept rule opens; the host cannot open a connection to a client. Each Settings → Security
// switch, saved through the settings verb, reaches nftables through NOTIFY and lets that traffic
// through; a table edited by hand is repaired. Needs root, wireguard-go and nft: it fails (it does
// not skip) without them, saying why.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SecretBox } from "../lib/crypto/secret-box";
import type { CreatedDevice } from "../lib/devices/service";
import { createCommandRunner } from "../lib/run-command";
import { ruleInputSchema } from "../lib/rules/schema";
import { deleteRule, saveRule } from "../lib/rules/service";
import { updateSecuritySettings } from "../lib/settings/security-settings";
import { canConnect, canPing, DESTINATION } from "../scripts/stack-destination";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { lanAddress, missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import { waitFor } from "../test/wait-for";
import type { Collector } from "./collector";
import { addHostBehindServer, addMockClients, createMemoryLogger, serveDestinationIn } from "./test-support";

// "wguiz" names: unique on the machine, apart from the other namespace tests' and the stacks'.
const SERVER_IF = "wguizs0";
const CLIENT_IFS = ["wguizc1", "wguizc2"];
const lan: TestLan = {
  serverNetns: "wguiz-srv",
  // The third is the host behind the server, on its LAN: no WireGuard.
  clientNetns: ["wguiz-c1", "wguiz-c2", "wguiz-lan"],
  bridge: "wguizbr0",
  prefix: "198.19.80",
  wireguardInterfaces: [SERVER_IF, ...CLIENT_IFS],
};
const TUNNEL = { ipv4Network: "10.80.0.0/24", ipv6Network: "fd00:80::/120", gateway: { v4: "10.80.0.1", v6: "fd00:80::1" } };
const LAN_HOST = { v4: lanAddress(lan, 2), v6: "fd00:80:1::13", serverV6: "fd00:80:1::1" };
// The server's own addresses that are not its tunnel ones (on its loopback), routed to it by the clients.
const SERVER_OWN = { v4: "192.0.2.80", v6: "2001:db8:80::1" };
const { open: PORT, blocked: OTHER_PORT } = DESTINATION.ports;
const LISTEN_PORT = 51980;
// Long, so only LISTEN/NOTIFY can explain a setting taking effect quickly.
const PERIODIC_INTERVAL_MS = 60_000;
const NOTIFY_DEADLINE_MS = 10_000;

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const clientRun = (index: number) => createCommandRunner({ netns: lan.clientNetns[index] });
const lanHostRun = createCommandRunner({ netns: lan.clientNetns[2] });
const logs = createMemoryLogger();
const secretBox = new SecretBox(randomBytes(32).toString("hex"));

let database: TestDatabase;
let collector: Collector | undefined;
const admin = { id: "", email: "admin@wiregui.test" };
let clients: Array<{ id: string; device: CreatedDevice }> = [];

const clientAddress = (index: number, family: "v4" | "v6") => (family === "v4" ? clients[index]!.device.device.ipv4! : clients[index]!.device.device.ipv6!);

// One probe at a time: parallel ones on a loaded machine could time out for the wrong reason.
async function clientToClient() {
  return { v4: await canPing(clientRun(0), clientAddress(1, "v4")), v6: await canPing(clientRun(0), clientAddress(1, "v6")) };
}
async function lanHostToClient() {
  return { tcp: await canConnect(lanHostRun, clientAddress(0, "v4"), PORT), ping: await canPing(lanHostRun, clientAddress(0, "v4")), v6: await canConnect(lanHostRun, clientAddress(0, "v6"), PORT) };
}
async function serverOwnServices() {
  return {
    v4: await canConnect(clientRun(0), SERVER_OWN.v4, PORT),
    v6: await canConnect(clientRun(0), SERVER_OWN.v6, PORT),
    ping: await canPing(clientRun(0), SERVER_OWN.v4),
    tunnelAddress: await canConnect(clientRun(0), TUNNEL.gateway.v4, PORT),
  };
}

async function setIsolation(changes: { allowPeerToPeer?: boolean; allowServerNetworksToClients?: boolean }) {
  await updateSecuritySettings(database.db, admin, changes);
}

async function saveGlobalRule(fields: Record<string, unknown>) {
  const result = await saveRule(database.db, admin, ruleInputSchema.parse({ acceptOverlaps: true, ...fields }));
  if (!result.saved) throw new Error(`not saved: ${result.overlaps.join(" ")}`);
  return result.id;
}

const forwardChain = async () => (await serverRun("nft", ["list", "chain", "inet", "wiregui", "forward"])).stdout;

beforeAll(async () => {
  const missing = missingNamespacePrerequisites();
  if (missing.length > 0) throw new Error(`The client isolation namespace test cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: PERIODIC_INTERVAL_MS });
  admin.id = (await database.db.user.findUniqueOrThrow({ where: { email: admin.email } })).id;

  await addHostBehindServer(lan, 2, TUNNEL, { server: LAN_HOST.serverV6, host: LAN_HOST.v6 });
  // The server's own services: TCP on every address of its namespace, including its tunnel ones.
  await serverRun("ip", ["address", "add", `${SERVER_OWN.v4}/32`, "dev", "lo"]);
  await serverRun("ip", ["address", "add", `${SERVER_OWN.v6}/128`, "dev", "lo"]);
  serveDestinationIn(lan.serverNetns);
  const clientNames = ["ann@wiregui.test", "bob@wiregui.test"].map((email, index) => ({ netns: lan.clientNetns[index]!, interfaceName: CLIENT_IFS[index]!, email }));
  clients = await addMockClients({ db: database.db, secretBox, log: logs.log }, clientNames, [
    TUNNEL.ipv4Network,
    TUNNEL.ipv6Network,
    `${LAN_HOST.v4}/32`,
    `${LAN_HOST.v6}/128`,
    `${SERVER_OWN.v4}/32`,
    `${SERVER_OWN.v6}/128`,
  ]);
  // A service on the first client, for the host behind the server to try.
  serveDestinationIn(lan.clientNetns[0]!);
  await waitFor(() => canPing(clientRun(0), TUNNEL.gateway.v4), 15_000, "the server's tunnel address through the tunnel");
  await waitFor(() => canConnect(clientRun(0), LAN_HOST.v4, PORT), 15_000, "the host behind the server through the tunnel");
});

afterAll(async () => {
  await collector?.stop(3_000);
  await removeLan(lan);
  await database?.drop();
});

describe("client isolation with nftables in the WireGuard namespace", () => {
  it("by default, clients ping the server's tunnel addresses and reach the host behind the server, but not each other", async () => {
    expect(await canPing(clientRun(0), TUNNEL.gateway.v4)).toBe(true);
    expect(await canPing(clientRun(0), TUNNEL.gateway.v6)).toBe(true);
    expect(await canPing(clientRun(1), TUNNEL.gateway.v4)).toBe(true);
    // Replies from behind the server pass, though new connections from there are dropped.
    expect(await canConnect(clientRun(0), LAN_HOST.v4, PORT)).toBe(true);
    expect(await canConnect(clientRun(0), LAN_HOST.v6, PORT)).toBe(true);
    expect(await clientToClient()).toEqual({ v4: false, v6: false });
    expect(await canPing(clientRun(1), clientAddress(0, "v4"))).toBe(false);
    expect(await forwardChain()).toMatch(new RegExp(`iifname "${SERVER_IF}" oifname "${SERVER_IF}" counter packets [1-9]\\d* bytes \\d+ drop`));
  });

  it("by default, the server's own services are closed to clients, even on its tunnel address", async () => {
    expect(await serverOwnServices()).toEqual({ v4: false, v6: false, ping: false, tunnelAddress: false });
    // The service is there: the host behind the server (not a VPN client) reaches it.
    expect(await canConnect(lanHostRun, lanAddress(lan, "server"), PORT)).toBe(true);
  });

  it("by default, the host behind the server cannot open a connection to a client", async () => {
    // The client's service is there: the client itself reaches it.
    expect(await canConnect(clientRun(0), "127.0.0.1", PORT)).toBe(true);
    expect(await lanHostToClient()).toEqual({ tcp: false, ping: false, v6: false });
  });

  it("an egress accept rule opens one of the server's own services, a drop rule stops even the ping; deleting them restores the defaults", async () => {
    const accept = await saveGlobalRule({ action: "accept", destination: `${SERVER_OWN.v4}/32`, protocol: "tcp", ports: String(PORT) });
    await waitFor(() => canConnect(clientRun(0), SERVER_OWN.v4, PORT), NOTIFY_DEADLINE_MS, "the accept rule to open the server's service");
    expect(await canConnect(clientRun(1), SERVER_OWN.v4, PORT)).toBe(true);
    // Only what the rule accepts.
    expect(await canConnect(clientRun(0), SERVER_OWN.v4, OTHER_PORT)).toBe(false);
    expect(await serverOwnServices()).toEqual({ v4: true, v6: false, ping: false, tunnelAddress: false });

    const drop = await saveGlobalRule({ action: "drop", destination: `${TUNNEL.gateway.v4}/32`, protocol: "any" });
    await waitFor(async () => !(await canPing(clientRun(0), TUNNEL.gateway.v4)), NOTIFY_DEADLINE_MS, "the drop rule to stop the ping to the server");
    expect(await canPing(clientRun(0), TUNNEL.gateway.v6)).toBe(true);

    await deleteRule(database.db, admin, accept);
    await deleteRule(database.db, admin, drop);
    await waitFor(() => canPing(clientRun(0), TUNNEL.gateway.v4), NOTIFY_DEADLINE_MS, "the ping to return");
    expect(await serverOwnServices()).toEqual({ v4: false, v6: false, ping: false, tunnelAddress: false });
  });

  it("with peer to peer on, clients ping each other (egress rules still apply); off again, they cannot", async () => {
    await setIsolation({ allowPeerToPeer: true });
    const latency = await waitFor(async () => (await clientToClient()).v4, NOTIFY_DEADLINE_MS, "peer to peer to take effect");
    console.info(`[isolation.int] peer to peer on: client to client ping works ${latency} ms after the setting was saved (periodic pass every ${PERIODIC_INTERVAL_MS / 1000} s)`);
    expect(await clientToClient()).toEqual({ v4: true, v6: true });
    expect(await canPing(clientRun(1), clientAddress(0, "v4"))).toBe(true);
    // The other switch is still off.
    expect(await lanHostToClient()).toEqual({ tcp: false, ping: false, v6: false });

    const drop = await saveGlobalRule({ action: "drop", destination: `${clientAddress(1, "v4")}/32`, protocol: "any" });
    await waitFor(async () => !(await clientToClient()).v4, NOTIFY_DEADLINE_MS, "the drop rule for the other client");
    expect((await clientToClient()).v6).toBe(true);
    await deleteRule(database.db, admin, drop);

    await setIsolation({ allowPeerToPeer: false });
    await waitFor(async () => !(await clientToClient()).v6, NOTIFY_DEADLINE_MS, "peer to peer to be off again");
    expect(await clientToClient()).toEqual({ v4: false, v6: false });
  });

  it("with networks behind the server allowed, the host behind the server reaches a client; off again, it cannot", async () => {
    await setIsolation({ allowServerNetworksToClients: true });
    await waitFor(async () => canConnect(lanHostRun, clientAddress(0, "v4"), PORT), NOTIFY_DEADLINE_MS, "networks behind the server to reach clients");
    expect(await lanHostToClient()).toEqual({ tcp: true, ping: true, v6: true });
    // Peer to peer is still off.
    expect(await clientToClient()).toEqual({ v4: false, v6: false });
    const status = await database.db.egressRulesStatus.findUniqueOrThrow({ where: { interfaceName: SERVER_IF } });
    expect(status.isolationDescription).toBe(
      `peer to peer off; networks behind the server to clients on; the server's own addresses: ping to ${TUNNEL.gateway.v4}, ${TUNNEL.gateway.v6} and what egress rules accept`,
    );

    await setIsolation({ allowServerNetworksToClients: false });
    await waitFor(async () => !(await canConnect(lanHostRun, clientAddress(0, "v4"), PORT)), NOTIFY_DEADLINE_MS, "the host behind the server to be kept out again");
    expect(await lanHostToClient()).toEqual({ tcp: false, ping: false, v6: false });
    expect(await canConnect(clientRun(0), LAN_HOST.v4, PORT)).toBe(true);
  });

  it("chains edited by hand are repaired by the next pass", async () => {
    await serverRun("nft", ["flush", "chain", "inet", "wiregui", "forward"]);
    await serverRun("nft", ["flush", "chain", "inet", "wiregui", "input"]);
    // Proof that the chains were all that kept them apart.
    expect((await clientToClient()).v4).toBe(true);
    expect(await canConnect(clientRun(0), SERVER_OWN.v4, PORT)).toBe(true);

    await collector!.reconcileNow();
    expect(await clientToClient()).toEqual({ v4: false, v6: false });
    expect(await serverOwnServices()).toEqual({ v4: false, v6: false, ping: false, tunnelAddress: false });
    expect(await canPing(clientRun(0), TUNNEL.gateway.v4)).toBe(true);
    expect(logs.text()).toMatch(/egress rules: 0 rule\(s\) and client isolation \(peer to peer off; .*\) rebuilt in nftables table inet wiregui/);
  });
});
