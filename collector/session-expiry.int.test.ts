// VPN session expiry end to end: the real collector against wireguard-go in a network namespace and
// a real PostgreSQL. With a 1-hour duration, a user whose last sign-in was 1 h minus ~3 s ago loses
// their peer right after the expiry (the full pass runs every 60 s, so only the expiry timer can
// explain it), gets it back by signing in through the real password sign-in, and "never" brings back
// the peers of users long expired or never signed in.
// Needs root and wireguard-go: it fails (it does not skip) without them, saying why.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LoginThrottle } from "../lib/auth/login-throttle";
import { hashPassword } from "../lib/auth/password";
import { signInWithPassword } from "../lib/auth/password-sign-in";
import { SecretBox } from "../lib/crypto/secret-box";
import { updateConfiguration } from "../lib/db/configuration";
import { createUser } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice } from "../lib/devices/service";
import { createCommandRunner } from "../lib/run-command";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { missingNamespacePrerequisites, removeLan, type TestLan } from "../test/namespaces";
import { startTestServer } from "../test/test-server";
import type { Collector } from "./collector";
import { createMemoryLogger } from "./test-support";
import { readDump } from "./wireguard";

// "wguvs" names: unique on the machine (wireguard-go's sockets are shared by every namespace).
const SERVER_IF = "wguvss0";
const lan: TestLan = { serverNetns: "wguvs-srv", clientNetns: [], bridge: "wguvsbr0", prefix: "198.19.78", wireguardInterfaces: [SERVER_IF] };
const TUNNEL = { ipv4Network: "10.78.0.0/24", ipv6Network: "fd00:78::/120" };
const LISTEN_PORT = 51978;
// Long, so only the expiry timer (or a notification) can explain a change within seconds.
const PERIODIC_INTERVAL_MS = 60_000;
const HOUR_S = 3_600;
const SECONDS_LEFT = 3;
const PASSWORD = "session-user-password-1";

const serverRun = createCommandRunner({ netns: lan.serverNetns });
const logs = createMemoryLogger();
const secretBox = new SecretBox(randomBytes(32).toString("hex"));

let database: TestDatabase;
let collector: Collector | undefined;
let passwordHash: string;

async function hasPeer(publicKey: string) {
  return (await readDump(serverRun, SERVER_IF)).peers.some((peer) => peer.publicKey === publicKey);
}

/** Milliseconds until `condition` holds, polling every 10 ms. */
async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Math.round(performance.now() - started);
}

async function userWithDevice(email: string, lastSignInAt: Date | null) {
  const user = await createUser(database.db, { email, passwordHash, role: "unprivileged" });
  await database.db.user.update({ where: { id: user.id }, data: { lastSignInAt } });
  const settings = deviceSettingsSchema.parse({ name: "laptop" });
  const { device } = await createDevice(database.db, secretBox, { userId: user.id, settings });
  return { user, device };
}

beforeAll(async () => {
  const missing = missingNamespacePrerequisites();
  if (missing.length > 0) throw new Error(`The VPN session namespace tests cannot run here: ${missing.join("; ")}.`);
  await removeLan(lan);
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  passwordHash = await hashPassword(PASSWORD);
  collector = await startTestServer({ database, secretBox, lan, tunnel: TUNNEL, listenPort: LISTEN_PORT, interfaceName: SERVER_IF, log: logs.log, reconcileIntervalMs: PERIODIC_INTERVAL_MS });
});

afterAll(async () => {
  await collector?.stop(3_000);
  await removeLan(lan);
  await database?.drop();
});

describe("VPN session expiry with the collector and wireguard-go", () => {
  let expiring: Awaited<ReturnType<typeof userWithDevice>>;
  let longExpired: Awaited<ReturnType<typeof userWithDevice>>;
  let neverSignedIn: Awaited<ReturnType<typeof userWithDevice>>;

  it("keeps a live session's peer and leaves out expired and never-signed-in users", async () => {
    await updateConfiguration(database.db, { vpnSessionDuration: HOUR_S });
    longExpired = await userWithDevice("long-expired@wiregui.test", new Date(Date.now() - 10 * 86_400_000));
    neverSignedIn = await userWithDevice("never@wiregui.test", null);
    expiring = await userWithDevice("expiring@wiregui.test", new Date(Date.now() - HOUR_S * 1000 + SECONDS_LEFT * 1000));

    await waitFor(() => hasPeer(expiring.device.publicKey), 2_000, "the live session's peer");
    await collector!.reconcileNow();
    expect(await hasPeer(expiring.device.publicKey)).toBe(true);
    expect(await hasPeer(longExpired.device.publicKey)).toBe(false);
    expect(await hasPeer(neverSignedIn.device.publicKey)).toBe(false);
  });

  it("removes the peer within about a second of the session's end, by the expiry timer alone", async () => {
    const row = await database.db.user.findUniqueOrThrow({ where: { id: expiring.user.id }, select: { lastSignInAt: true } });
    const expiresAt = row.lastSignInAt!.getTime() + HOUR_S * 1000;
    expect(expiresAt - Date.now()).toBeGreaterThan(500);
    // Still there just before the end.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() - 300)));
    expect(await hasPeer(expiring.device.publicKey)).toBe(true);

    await waitFor(async () => !(await hasPeer(expiring.device.publicKey)), 5_000, "the expired session's peer to go");
    const afterExpiryMs = Date.now() - expiresAt;
    console.info(`[session-expiry.int] peer removed ${afterExpiryMs} ms after the VPN session ended (full pass every ${PERIODIC_INTERVAL_MS / 1000} s)`);
    expect(afterExpiryMs).toBeGreaterThanOrEqual(0);
    expect(afterExpiryMs).toBeLessThan(1_500);
    expect(logs.text()).toMatch(/peers pass: 0 added, 0 updated, 1 removed/);
    expect(logs.text()).toContain(`removed peer ${expiring.device.publicKey}`);
  });

  it("restores the peer when the user signs in again through the password sign-in", async () => {
    const started = performance.now();
    await signInWithPassword(database.db, new LoginThrottle(database.db), { email: "expiring@wiregui.test", password: PASSWORD, ip: "192.0.2.10", secretBox });
    const signInMs = Math.round(performance.now() - started);
    const restoredMs = await waitFor(() => hasPeer(expiring.device.publicKey), 3_000, "the peer to return after the sign-in");
    console.info(`[session-expiry.int] peer back ${restoredMs} ms after signInWithPassword returned (the sign-in itself took ${signInMs} ms)`);
    expect(restoredMs).toBeLessThan(2_000);
    expect(await hasPeer(longExpired.device.publicKey)).toBe(false);
  });

  it("setting the duration to never restores the peers of long-expired and never-signed-in users", async () => {
    await updateConfiguration(database.db, { vpnSessionDuration: null });
    const restoredMs = await waitFor(
      async () => (await hasPeer(longExpired.device.publicKey)) && (await hasPeer(neverSignedIn.device.publicKey)),
      3_000,
      "the long-expired users' peers to return",
    );
    console.info(`[session-expiry.int] "never": long-expired peers back ${restoredMs} ms after the update`);
    expect(restoredMs).toBeLessThan(2_000);
    expect(await hasPeer(expiring.device.publicKey)).toBe(true);
  });
});
