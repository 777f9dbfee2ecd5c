// The collector against real wireguard-go in network namespaces and a real PostgreSQL: devices
// created, edited and deleted through the data layer become peer changes on the interface, which
// is never restarted; clients configured from the generated configs complete handshakes.
// Needs root and wireguard-go: it fails (it does not skip) without them, saying why.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deriveEncryptionKey, encodeEncryptionKey } from "../lib/crypto/keys";
import { SecretBox } from "../lib/crypto/secret-box";
import { getConfiguration, getServerPrivateKeyEncrypted } from "../lib/db/configuration";
import { createUser } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice, type CreatedDevice } from "../lib/devices/service";
import { parseClientConfig } from "../lib/wireguard/client-config-parser";
import { generateKeyPair } from "../lib/wireguard/keys";
import { configureMockClient } from "../scripts/mock-client";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import { waitFor } from "../test/wait-for";
import type { Collector } from "./collector";
import { readLink } from "./interface-setup";
import { LISTENER_APPLICATION_NAME } from "./peer-listener";
import { createCommandRunner } from "../lib/run-command";
import { createMemoryLogger } from "./test-support";
import { readDump, wgSet } from "./wireguard";

// "wguit" names: unique on the machine (wireguard-go's sockets are shared by all namespaces) and
// distinct from the local stack's "wgui-" ones.
const SERVER_IF = "wguits0";
const CLIENT_IFS = ["wguitc1", "wguitc2"];
const lan: TestLan = {
  serverNetns: "wguit-srv",
  clientNetns: ["wguit-c1", "wguit-c2"],
  bridge: "wguitbr0",
  prefix: "198.19.77",
  wireguardInterfaces: [SERVER_IF, ...CLIENT_IFS],
};
const TUNNEL = { ipv4Network: "10.77.0.0/24", ipv6Network: "fd00:77::/120", gateway: "10.77.0.1" };
const LISTEN_PORT = 51977;
// Long, so only LISTEN/NOTIFY can explain a peer appearing quickly.
const PERIODIC_INTERVAL_MS = 60_000;
const NOTIFY_DEADLINE_MS = 2_000;

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const clientRun = (index: number) => createCommandRunner({ netns: lan.clientNetns[index] });
const logs = createMemoryLogger();
const authSecret = randomBytes(32).toString("hex");
const secretBox = new SecretBox(authSecret);
// All the collector process is given: it reads secrets, it cannot sign sessions.
const encryptionKey = encodeEncryptionKey(deriveEncryptionKey(authSecret));
/** Every secret the test saw, checked against the logs at the end. */
const secrets: string[] = [];

let database: TestDatabase;
let collector: Collector | undefined;
let userId: string;
let serverIfindex: number;
const clients: CreatedDevice[] = [];

async function serverPeer(publicKey: string) {
  return (await readDump(serverRun, SERVER_IF)).peers.find((peer) => peer.publicKey === publicKey);
}

async function createClientDevice(name: string): Promise<CreatedDevice> {
  const settings = deviceSettingsSchema.parse({ name, useDefaultAllowedIps: false, allowedIps: [TUNNEL.ipv4Network, TUNNEL.ipv6Network] });
  const created = await createDevice(database.db, secretBox, { userId, settings });
  const config = parseClientConfig(created.config);
  secrets.push(config.privateKey, config.peer.presharedKey ?? "");
  return created;
}

async function ping(clientIndex: number, address: string) {
  await clientRun(clientIndex)("ping", ["-c", "3", "-i", "0.2", "-W", "2", address], { timeoutMs: 15_000 });
}

beforeAll(async () => {
  const missing = missingNamespacePrerequisites();
  if (missing.length > 0) throw new Error(`The collector's namespace tests cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: PERIODIC_INTERVAL_MS });
  secrets.push(secretBox.open((await getServerPrivateKeyEncrypted(database.db))!));
  userId = (await createUser(database.db, { email: "user@wiregui.test", passwordHash: null, role: "unprivileged" })).id;
});

afterAll(async () => {
  await collector?.stop(3_000);
  await removeLan(lan);
  await database?.drop();
});

describe("collector with wireguard-go in namespaces", () => {
  it("brings the interface up with the server key, listen port and gateway addresses", async () => {
    const link = await readLink(serverRun, SERVER_IF);
    expect(link).toMatchObject({ isUp: true, addresses: expect.arrayContaining(["10.77.0.1/24", "fd00:77::1/120"]) });
    const configuration = await getConfiguration(database.db);
    expect((await readDump(serverRun, SERVER_IF)).interface).toEqual({ publicKey: configuration?.serverPublicKey, listenPort: LISTEN_PORT, fwmark: null });
    serverIfindex = link!.ifindex;
  });

  it("adds a created device's peer via LISTEN/NOTIFY well under the periodic interval; its client handshakes and pings", async () => {
    for (const [index, name] of ["client-1", "client-2"].entries()) {
      const created = await createClientDevice(name);
      const latency = await waitFor(async () => (await serverPeer(created.device.publicKey)) !== undefined, NOTIFY_DEADLINE_MS * 2, `${name}'s peer`);
      console.info(`[collector.int] ${name}: peer on ${SERVER_IF} ${latency} ms after createDevice returned (periodic pass: every ${PERIODIC_INTERVAL_MS / 1000} s)`);
      expect(latency).toBeLessThan(NOTIFY_DEADLINE_MS);
      expect((await serverPeer(created.device.publicKey))?.allowedIps).toEqual([`${created.device.ipv4}/32`, `${created.device.ipv6}/128`]);

      await configureMockClient(clientRun(index), { configText: created.config, interfaceName: CLIENT_IFS[index]! }, logs.log);
      await ping(index, TUNNEL.gateway);
      expect((await serverPeer(created.device.publicKey))?.latestHandshakeAt).toBeInstanceOf(Date);
      clients.push(created);
    }
    // Through the server, which forwards between peers once peer to peer is on (it is off by
    // default: collector/isolation.int.test.ts).
    await database.db.configuration.update({ where: { id: 1 }, data: { allowPeerToPeer: true } });
    await waitFor(() => ping(0, clients[1]!.device.ipv4!).then(() => true, () => false), NOTIFY_DEADLINE_MS * 2, "a ping to the other client");
    expect(logs.text()).toContain(`added peer ${clients[0]!.device.publicKey} (allowed IPs ${clients[0]!.device.ipv4}/32, ${clients[0]!.device.ipv6}/128; with preshared key)`);
  });

  it("applies an address change without restarting the interface: the other peer's session survives", async () => {
    const [first, second] = clients as [CreatedDevice, CreatedDevice];
    const handshakeBefore = (await serverPeer(first.device.publicKey))?.latestHandshakeAt;
    expect(handshakeBefore).toBeInstanceOf(Date);

    await database.db.device.update({ where: { id: second.device.id }, data: { ipv4: "10.77.0.50" } });
    const latency = await waitFor(async () => (await serverPeer(second.device.publicKey))?.allowedIps.includes("10.77.0.50/32") ?? false, 5_000, "the new allowed IPs");
    console.info(`[collector.int] address change applied ${latency} ms after the UPDATE`);
    expect((await serverPeer(second.device.publicKey))?.allowedIps).toEqual(["10.77.0.50/32", `${second.device.ipv6}/128`]);

    const link = await readLink(serverRun, SERVER_IF);
    expect(link?.ifindex).toBe(serverIfindex);
    expect((await readDump(serverRun, SERVER_IF)).interface?.listenPort).toBe(LISTEN_PORT);
    await ping(0, TUNNEL.gateway);
    // Same handshake: the session was kept, not re-established.
    expect((await serverPeer(first.device.publicKey))?.latestHandshakeAt).toEqual(handshakeBefore);
    expect(logs.text()).toContain(
      `updated peer ${second.device.publicKey}: allowed IPs ${second.device.ipv4}/32, ${second.device.ipv6}/128 -> 10.77.0.50/32, ${second.device.ipv6}/128`,
    );
  });

  it("removes a deleted device's peer", async () => {
    const second = clients[1]!;
    await database.db.device.delete({ where: { id: second.device.id } });
    await waitFor(async () => (await serverPeer(second.device.publicKey)) === undefined, 5_000, "the deleted device's peer to go");
    expect(logs.text()).toContain(`removed peer ${second.device.publicKey}`);
    expect((await readLink(serverRun, SERVER_IF))?.ifindex).toBe(serverIfindex);
  });

  it("takes a disabled user's peers off via NOTIFY and puts them back when the user is enabled", async () => {
    const first = clients[0]!;
    await database.db.user.update({ where: { id: userId }, data: { isDisabled: true } });
    const removedMs = await waitFor(async () => (await serverPeer(first.device.publicKey)) === undefined, NOTIFY_DEADLINE_MS, "the disabled user's peer to go");
    await database.db.user.update({ where: { id: userId }, data: { isDisabled: false } });
    const restoredMs = await waitFor(async () => (await serverPeer(first.device.publicKey)) !== undefined, NOTIFY_DEADLINE_MS, "the enabled user's peer to return");
    console.log(`disabled user's peer removed in ${removedMs} ms, restored in ${restoredMs} ms`);
    expect((await readLink(serverRun, SERVER_IF))?.ifindex).toBe(serverIfindex);
  });

  it("removes a hand-added peer and re-adds a peer removed by hand on the next full pass", async () => {
    const stranger = generateKeyPair().publicKey;
    const first = clients[0]!;
    await serverRun("wg", ["set", SERVER_IF, "peer", stranger, "allowed-ips", "10.99.0.1/32", "peer", first.device.publicKey, "remove"]);
    expect(await serverPeer(stranger)).toBeDefined();
    expect(await serverPeer(first.device.publicKey)).toBeUndefined();

    await collector!.reconcileNow();
    expect(await serverPeer(stranger)).toBeUndefined();
    expect((await serverPeer(first.device.publicKey))?.allowedIps).toEqual([`${first.device.ipv4}/32`, `${first.device.ipv6}/128`]);
    expect(logs.text()).toContain(`removed peer ${stranger}`);
    expect(logs.text()).toContain(`added peer ${first.device.publicKey}`);
    // (The client itself recovers only when WireGuard re-handshakes, up to ~15 s later: its old
    // session died with the peer removed by hand. That is WireGuard's timing, not the collector's.)
    expect((await readLink(serverRun, SERVER_IF))?.ifindex).toBe(serverIfindex);
  });

  it("listens again after its database connection is killed, and still applies changes at once", async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [
        LISTENER_APPLICATION_NAME,
      ]);
      expect(rowCount).toBe(1);
    } finally {
      await admin.end();
    }
    await waitFor(async () => logs.text().includes("listening for peer changes (LISTEN wiregui_peers) again"), 10_000, "LISTEN to reconnect");
    const third = await createClientDevice("client-3");
    const latency = await waitFor(async () => (await serverPeer(third.device.publicKey)) !== undefined, NOTIFY_DEADLINE_MS * 2, "client-3's peer");
    console.info(`[collector.int] after reconnecting: peer present ${latency} ms after createDevice returned`);
    expect(latency).toBeLessThan(NOTIFY_DEADLINE_MS);
    expect(logs.text()).toMatch(/LISTEN wiregui_peers connection lost \(.+\); reconnecting in 1000 ms/);
  });

  it("never logs a private or preshared key", () => {
    const text = logs.text();
    expect(secrets.filter(Boolean).length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets.filter(Boolean)) expect(text).not.toContain(secret);
  });
});

describe("collector/main.ts as a process", () => {
  it("logs a failed wg call with the command tried, retries it, and exits 0 soon after SIGTERM", async () => {
    const repoRoot = fileURLToPath(new URL("..", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", "collector/main.ts"], {
      cwd: repoRoot,
      env: { NODE_ENV: "test", PATH: process.env.PATH, DATABASE_URL: database.url, WIREGUI_ENCRYPTION_KEY: encryptionKey, WG_INTERFACE: "wguit-none", WG_RECONCILE_INTERVAL: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    const failure = /full pass failed: `wg show wguit-none dump` failed: exit code 1: Unable to access interface: (No such device|Protocol not supported); retrying in 1 s/g;
    await waitFor(async () => (output.match(failure)?.length ?? 0) >= 2, 20_000, `two failed passes in the output:\n${output}`);
    expect(output).toContain("listening for peer changes");

    const stopping = performance.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const stopMs = Math.round(performance.now() - stopping);
    console.info(`[collector.int] main.ts exited 0 ${stopMs} ms after SIGTERM`);
    expect(stopMs).toBeLessThan(5_000);
    expect(output).toMatch(/SIGTERM received: stopping[\s\S]*stopped/);
    expect(output).not.toContain(authSecret);
  });

  it("with only WIREGUI_ENCRYPTION_KEY, opens the server key and preshared keys: restores the interface's key and adds a new peer", async () => {
    await collector?.stop(3_000);
    collector = undefined;
    // While no collector runs: the interface gets another key, and a device with a preshared key is created.
    await wgSet(serverRun, SERVER_IF, ["private-key", { secret: generateKeyPair().privateKey }]);
    const configuration = await getConfiguration(database.db);
    expect((await readDump(serverRun, SERVER_IF)).interface?.publicKey).not.toBe(configuration?.serverPublicKey);
    const created = await createClientDevice("client-of-the-process");
    const presharedKey = parseClientConfig(created.config).peer.presharedKey;
    expect(presharedKey).toBeTruthy();

    const child = spawn(process.execPath, ["--import", "tsx", "collector/main.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { NODE_ENV: "test", PATH: process.env.PATH, DATABASE_URL: database.url, WIREGUI_ENCRYPTION_KEY: encryptionKey, WG_INTERFACE: SERVER_IF, WG_NETNS: lan.serverNetns, WG_MANAGE_INTERFACE: "true", WG_RECONCILE_INTERVAL: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitFor(async () => (await readDump(serverRun, SERVER_IF)).interface?.publicKey === configuration?.serverPublicKey, 20_000, `the server key restored:\n${output}`);
      await waitFor(async () => (await serverPeer(created.device.publicKey))?.presharedKey === presharedKey, 20_000, `the new peer with its preshared key:\n${output}`);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/cannot be read|AUTH_SECRET/);
    for (const secret of [encryptionKey, authSecret, presharedKey!]) expect(output).not.toContain(secret);
  });

  it("refuses to start without WIREGUI_ENCRYPTION_KEY, even given AUTH_SECRET, and says what it needs", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "collector/main.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { NODE_ENV: "test", PATH: process.env.PATH, DATABASE_URL: database.url, AUTH_SECRET: authSecret, WG_INTERFACE: "wguit-none" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))).toBe(1);
    expect(output).toMatch(/cannot start\. Invalid configuration: WIREGUI_ENCRYPTION_KEY is required: .*wiregui print-encryption-key/);
    expect(output).not.toContain("listening for peer changes");
    expect(output).not.toContain(authSecret);
  });
});
