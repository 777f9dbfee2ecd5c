// NAT for full-tunnel clients, with traffic: a client whose AllowedIPs are 0.0.0.0/0, ::/0 (and
// whose default routes go through its tunnel, inside its own namespace) reaches a "public" host
// behind the wireguard-go server that has NO route back to the tunnel networks, and that host
// sees the server's address as the source (IPv4 and IPv6). With masquerading off it cannot; with
// WG_EGRESS_INTERFACE naming another interface neither; a table edited by hand is repaired.
// Needs root, wireguard-go and nft: it fails (it does not skip) without them, saying why.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SecretBox } from "../lib/crypto/secret-box";
import { createUser } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice } from "../lib/devices/service";
import { createCommandRunner } from "../lib/run-command";
import { configureMockClient } from "../scripts/mock-client";
import { DESTINATION, readGreeting } from "../scripts/stack-destination";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import { waitFor } from "../test/wait-for";
import type { NatSettings } from "./apply-nat";
import { createCollector, type Collector } from "./collector";
import { createMemoryLogger, serveDestinationIn } from "./test-support";

// "wguin" names: unique on the machine, apart from the other namespace tests' and the stacks'.
const SERVER_IF = "wguins0";
const CLIENT_IF = "wguinc1";
const lan: TestLan = { serverNetns: "wguin-srv", clientNetns: ["wguin-c1"], bridge: "wguinbr0", prefix: "198.18.79", wireguardInterfaces: [SERVER_IF, CLIENT_IF] };
// The "internet": its own veth from the server, another subnet than the clients' LAN, so the
// client can reach it only through its tunnel.
const PUBLIC = { netns: "wguin-pub", serverEnd: "wguinpub0", hostEnd: "wguinpub1", server: { v4: "198.18.80.1", v6: "2001:db8:80::1" }, host: { v4: "198.18.80.2", v6: "2001:db8:80::2" } };
const TUNNEL = { ipv4Network: "10.79.0.0/24", ipv6Network: "fd00:79::/120" };
const LISTEN_PORT = 51979;
const PORT = DESTINATION.ports.open;
const PERIODIC_INTERVAL_MS = 60_000;

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const clientRun = createCommandRunner({ netns: lan.clientNetns[0] });
const publicRun = createCommandRunner({ netns: PUBLIC.netns });
const hostRun = createCommandRunner();
const logs = createMemoryLogger();
const secretBox = new SecretBox(randomBytes(32).toString("hex"));
const publicLan: TestLan = { serverNetns: PUBLIC.netns, clientNetns: [], bridge: "", prefix: "", wireguardInterfaces: [] };

let database: TestDatabase;
let collector: Collector | undefined;

/** The public host's answer to a new TCP connection from the client: it names the source it saw. */
const greeting = (family: "v4" | "v6") => readGreeting(clientRun, PUBLIC.host[family], PORT);
const seenFrom = (address: string) => `wiregui destination, port ${PORT}, from ${address}`;

async function restartCollector(nat: NatSettings) {
  await collector?.stop(3_000);
  collector = createCollector({ db: database.db, databaseUrl: database.url, secretBox, run: serverRun, log: logs.log, interfaceName: SERVER_IF, shouldManageInterface: true, nat, reconcileIntervalMs: PERIODIC_INTERVAL_MS });
  collector.start();
  await collector.reconcileNow();
}

beforeAll(async () => {
  const missing = missingNamespacePrerequisites();
  if (missing.length > 0) throw new Error(`The NAT namespace test cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  await removeLan(publicLan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: PERIODIC_INTERVAL_MS });

  await hostRun("ip", ["netns", "add", PUBLIC.netns]);
  await publicRun("ip", ["link", "set", "lo", "up"]);
  await hostRun("ip", ["link", "add", PUBLIC.serverEnd, "netns", lan.serverNetns, "type", "veth", "peer", "name", PUBLIC.hostEnd, "netns", PUBLIC.netns]);
  await serverRun("ip", ["address", "add", `${PUBLIC.server.v4}/24`, "dev", PUBLIC.serverEnd]);
  await serverRun("ip", ["address", "add", `${PUBLIC.server.v6}/64`, "dev", PUBLIC.serverEnd, "nodad"]);
  await serverRun("ip", ["link", "set", PUBLIC.serverEnd, "up"]);
  await publicRun("ip", ["address", "add", `${PUBLIC.host.v4}/24`, "dev", PUBLIC.hostEnd]);
  await publicRun("ip", ["address", "add", `${PUBLIC.host.v6}/64`, "dev", PUBLIC.hostEnd, "nodad"]);
  await publicRun("ip", ["link", "set", PUBLIC.hostEnd, "up"]);
  serveDestinationIn(PUBLIC.netns);

  const user = await createUser(database.db, { email: "ann@wiregui.test", passwordHash: null, role: "unprivileged" });
  const settings = deviceSettingsSchema.parse({ name: "full-tunnel", useDefaultAllowedIps: false, allowedIps: ["0.0.0.0/0", "::/0"] });
  const device = await createDevice(database.db, secretBox, { userId: user.id, settings });
  await configureMockClient(clientRun, { configText: device.config, interfaceName: CLIENT_IF, isFullTunnel: true }, logs.log);
  await waitFor(async () => (await greeting("v4")) !== null, 15_000, "the public host through the full tunnel");
});

afterAll(async () => {
  await collector?.stop(3_000);
  await removeLan(lan);
  await removeLan(publicLan);
  await database?.drop();
});

describe("NAT for full-tunnel clients", () => {
  it("the client's default routes go through its tunnel, in its own namespace only", async () => {
    expect((await clientRun("ip", ["route", "show", "default"])).stdout).toMatch(new RegExp(`^default dev ${CLIENT_IF}`));
    expect((await clientRun("ip", ["-6", "route", "show", "default"])).stdout).toMatch(new RegExp(`^default dev ${CLIENT_IF}`));
    expect((await hostRun("ip", ["route", "show", "default"])).stdout).not.toContain(CLIENT_IF);
    // The public host cannot route the tunnel networks back: only NAT can make it answer.
    expect((await publicRun("ip", ["route", "get", "10.79.0.2"]).catch((error: Error) => ({ stdout: error.message }))).stdout).toMatch(/unreachable/);
  });

  it("reaches the public host over IPv4 and IPv6, which sees the server's address as the source", async () => {
    expect(await greeting("v4")).toBe(seenFrom(PUBLIC.server.v4));
    expect(await greeting("v6")).toBe(seenFrom(PUBLIC.server.v6));
    await clientRun("ping", ["-c", "1", "-W", "2", PUBLIC.host.v4]);
    await clientRun("ping", ["-6", "-c", "1", "-W", "2", PUBLIC.host.v6]);
    const table = (await serverRun("nft", ["list", "table", "inet", "wiregui_nat"])).stdout;
    expect(table).toContain("type nat hook postrouting priority srcnat; policy accept;");
    expect(table).toMatch(new RegExp(`ip saddr 10\\.79\\.0\\.0/24 oifname != "${SERVER_IF}" counter packets [1-9]\\d* bytes \\d+ masquerade`));
    expect(table).toMatch(new RegExp(`ip6 saddr fd00:79::/120 oifname != "${SERVER_IF}" counter packets [1-9]\\d* bytes \\d+ masquerade`));
    const status = await database.db.egressRulesStatus.findUniqueOrThrow({ where: { interfaceName: SERVER_IF } });
    expect(status).toMatchObject({ natDescription: `IPv4 10.79.0.0/24, IPv6 fd00:79::/120, leaving through any interface but ${SERVER_IF}`, natLastError: null });
    expect(status.natAppliedAt).toBeInstanceOf(Date);
  });

  it("a table edited by hand is repaired by the next pass", async () => {
    await serverRun("nft", ["flush", "chain", "inet", "wiregui_nat", "postrouting"]);
    expect(await greeting("v4")).toBeNull();
    await collector!.reconcileNow();
    expect(await greeting("v4")).toBe(seenFrom(PUBLIC.server.v4));
    expect(await greeting("v6")).toBe(seenFrom(PUBLIC.server.v6));
  });

  it("with WG_EGRESS_INTERFACE naming another interface, traffic leaving through this one is not masqueraded", async () => {
    await restartCollector({ ipv4Masquerade: true, ipv6Masquerade: true, egressInterface: lan.bridge });
    expect((await serverRun("nft", ["list", "table", "inet", "wiregui_nat"])).stdout).toContain(`oifname "${lan.bridge}"`);
    expect(await greeting("v4")).toBeNull();
    await restartCollector({ ipv4Masquerade: true, ipv6Masquerade: true, egressInterface: PUBLIC.serverEnd });
    expect(await greeting("v4")).toBe(seenFrom(PUBLIC.server.v4));
  });

  it("with masquerading switched off per family, that family cannot reach the public host", async () => {
    await restartCollector({ ipv4Masquerade: false, ipv6Masquerade: true, egressInterface: null });
    expect(await greeting("v4")).toBeNull();
    expect(await greeting("v6")).toBe(seenFrom(PUBLIC.server.v6));
  });

  it("with both off, the collector removes its nat table and nothing is reachable", async () => {
    await restartCollector({ ipv4Masquerade: false, ipv6Masquerade: false, egressInterface: null });
    await expect(serverRun("nft", ["list", "table", "inet", "wiregui_nat"])).rejects.toThrow(/No such file or directory/);
    expect(await greeting("v4")).toBeNull();
    expect(await greeting("v6")).toBeNull();
    expect(logs.text()).toMatch(/table inet wiregui_nat removed \(masquerading is off\)/);
  });
});
