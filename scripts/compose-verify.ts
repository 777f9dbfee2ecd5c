// Checks the compose deployment end to end (`npm run compose:verify`, after compose:up): the files
// users run, built and started for real. In order, each step naming what failed:
//   1. the containers' privileges, what the host publishes, the internal network and the refused
//      start without POSTGRES_PASSWORD;
//   2. setup printed the admin password once and a second run changes nothing;
//   3. /api/health and a browser-like sign-in over HTTPS through Caddy (its local CA), Secure cookie;
//   4. the mock clients' handshakes and growing counters, fresh stats in PostgreSQL, the five metrics;
//   5. an egress drop rule and NAT for the full-tunnel client (on, and off: then it reaches nothing),
//      client isolation (peer to peer off by default, then on);
//   6. restarting the collector keeps every session and sane rates; restarting web keeps the
//      sign-in; `down` then `up` with the volumes kept keeps users, devices and chart history.
// The host reaches PostgreSQL and VictoriaMetrics at their container addresses (docker's bridge
// on the internal network); nothing is published for them.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb, type Db } from "../lib/db/client";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice } from "../lib/devices/service";
import { errorMessage } from "../lib/log";
import { createCommandRunner, type RunCommand } from "../lib/run-command";
import { readDump } from "../collector/wireguard";
import { canConnect, canPing, DESTINATION, readGreeting } from "./stack-destination";
import { checkEgressDropRule, checkMetrics, checkPeerToPeer, reportClient, SAMPLE_GAP_MS, waitUntil } from "./verify-checks";

const execFileAsync = promisify(execFile);
const { values: options } = parseArgs({
  options: {
    timeout: { type: "string", default: "120" },
    report: { type: "string" },
    // Another copy of the deployment (the offline bundle's test): its folder with compose.yml and
    // .env (the admin password in admin-password), and its project name.
    dir: { type: "string", default: "." },
    state: { type: "string", default: ".compose" },
    project: { type: "string", default: "wiregui-compose" },
    // Only what shows a deployment works: no rules, restarts or down/up.
    quick: { type: "boolean", default: false },
  },
});
const STATE = options.state;
const PROJECT = options.project;
const COMPOSE_FILE = `${options.dir}/compose.yml`;
const CLIENTS = ["mock-client-1", "mock-client-2", "mock-client-3"].map((service, index) => ({ service, interfaceName: `wguic${index + 1}` }));
const FULL_TUNNEL = { service: "mock-client-full-tunnel", interfaceName: "wguift" };
const env = Object.fromEntries(
  readFileSync(`${STATE}/.env`, "utf8")
    .split("\n")
    .filter((line) => line.includes("="))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
) as Record<string, string>;
const HTTPS_PORT = Number(env.WIREGUI_HTTPS_PORT ?? 443);
const WG_PORT = Number(env.WG_LISTEN_PORT ?? 51820);
const WG_INTERFACE = env.WG_INTERFACE ?? "wg0";
const host = createCommandRunner();

class CheckFailed extends Error {}
const fail = (message: string): never => {
  throw new CheckFailed(message);
};

async function compose(args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const { stdout } = await execFileAsync("docker-compose", ["--file", COMPOSE_FILE, "--project-name", PROJECT, "--env-file", `${STATE}/.env`, "--profile", "integration", ...args], {
    env: { ...process.env, ...extraEnv },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

async function containerOf(service: string): Promise<string> {
  const id = (await compose(["ps", "-q", service])).trim();
  return id || fail(`the ${service} container is not there (docker-compose ps)`);
}

async function inspect(service: string): Promise<{ Config: { User: string }; HostConfig: { ReadonlyRootfs: boolean; CapAdd: string[] | null; CapDrop: string[] | null; NetworkMode: string }; NetworkSettings: { Networks: Record<string, { IPAddress: string }> }; State: { Health?: { Status: string } } }> {
  const { stdout } = await host("docker", ["inspect", await containerOf(service)]);
  return (JSON.parse(stdout) as never[])[0]!;
}

/** A RunCommand whose commands run inside the service's container. */
function inContainer(id: string): RunCommand {
  return (file, args, options) => host("docker", ["exec", ...(options?.input === undefined ? [] : ["-i"]), id, file, ...args], options);
}

async function addressOf(service: string, network: string): Promise<string> {
  const address = (await inspect(service)).NetworkSettings.Networks[`${PROJECT}_${network}`]?.IPAddress;
  return address || fail(`${service} has no address on the ${network} network`);
}

async function connectDatabase(): Promise<Db> {
  return createDb(`postgresql://wiregui:${encodeURIComponent(env.POSTGRES_PASSWORD!)}@${await addressOf("postgres", "backend")}:5432/wiregui`);
}

const vmUrl = async () => `http://${await addressOf("victoriametrics", "backend")}:8428`;

// ---- HTTPS through Caddy -------------------------------------------------------------------------

interface HttpsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let caddyRoot: string | null = null;

/** A request to EXTERNAL_URL through the published port, trusting only Caddy's local CA. */
async function https(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpsResponse> {
  caddyRoot ??= (await host("docker", ["exec", await containerOf("caddy"), "cat", "/data/caddy/pki/authorities/local/root.crt"])).stdout;
  const url = new URL(path, env.EXTERNAL_URL);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: "127.0.0.1",
        port: HTTPS_PORT,
        servername: url.hostname,
        ca: caddyRoot!,
        method,
        path: `${url.pathname}${url.search}`,
        headers: { host: url.host, ...headers, ...(body && { "content-length": String(Buffer.byteLength(body)) }) },
        timeout: 15_000,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString() }));
        incoming.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const cookiesOf = (response: HttpsResponse) => ([] as string[]).concat(response.headers["set-cookie"] ?? []);

/** Signs in as the form does (CSRF round trip, credentials callback): the session cookie line. */
async function signIn(email: string, password: string, extraHeaders: Record<string, string> = {}): Promise<string> {
  const csrf = await https("GET", "/api/auth/csrf", extraHeaders);
  const jar = cookiesOf(csrf).map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, code: "", json: "true" }).toString();
  const answer = await https("POST", "/api/auth/callback/credentials", { ...extraHeaders, cookie: jar, "content-type": "application/x-www-form-urlencoded" }, form);
  const session = cookiesOf(answer).find((line) => line.startsWith("__Secure-next-auth.session-token="));
  return session ?? fail(`signing in as ${email} over HTTPS set no __Secure-next-auth.session-token cookie (HTTP ${answer.status})`);
}

/** Whether the session cookie still opens a signed-in page (the devices list answers, not the sign-in page). */
async function isSignedIn(sessionCookie: string): Promise<boolean> {
  const response = await https("GET", "/api/auth/session", { cookie: sessionCookie.split(";")[0]! });
  return response.status === 200 && (JSON.parse(response.body) as { user?: { email?: string } }).user?.email === env.WIREGUI_ADMIN_EMAIL;
}

// ---- The steps -----------------------------------------------------------------------------------

async function checkDeployment() {
  const web = await inspect("web");
  if (!web.Config.User || web.Config.User === "root" || web.Config.User === "0") fail(`the web container runs as "${web.Config.User || "root"}", not an unprivileged user`);
  if (!web.HostConfig.ReadonlyRootfs) fail("the web container's root file system is writable");
  if (web.HostConfig.CapAdd?.length || !web.HostConfig.CapDrop?.includes("ALL")) fail(`the web container has capabilities: add ${web.HostConfig.CapAdd?.join(",") ?? "none"}`);
  for (const service of ["wireguard", "collector"]) {
    const { HostConfig } = await inspect(service);
    if (!HostConfig.CapDrop?.includes("ALL") || HostConfig.CapAdd?.join(",") !== "NET_ADMIN") fail(`${service} must drop ALL capabilities and add only NET_ADMIN (adds ${HostConfig.CapAdd?.join(",") ?? "none"})`);
  }
  const published = (await host("docker", ["ps", "--filter", `label=com.docker.compose.project=${PROJECT}`, "--format", "{{.Names}} {{.Ports}}"])).stdout
    .split("\n")
    .flatMap((line) => [...line.matchAll(/:(\d+)->\d+\/(tcp|udp)/g)].map((match) => `${match[1]}/${match[2]}`));
  const expected = [`${HTTPS_PORT}/tcp`, `${WG_PORT}/udp`];
  const unexpected = [...new Set(published)].filter((port) => !expected.includes(port));
  if (unexpected.length > 0 || !expected.every((port) => published.includes(port))) fail(`the host publishes ${[...new Set(published)].join(", ")}; expected exactly ${expected.join(" and ")}`);
  // The WireGuard namespace (the collector's too) is not on the network PostgreSQL and VictoriaMetrics are on.
  const wireguard = await inspect("wireguard");
  if (Object.keys(wireguard.NetworkSettings.Networks).some((name) => name.endsWith("_backend"))) fail("the WireGuard container is on the backend network");
  const collector = inContainer(await containerOf("collector"));
  const [postgres, vm] = [await addressOf("postgres", "backend"), await addressOf("victoriametrics", "backend")];
  if (await canConnect(collector, postgres, 5432)) fail(`from the WireGuard namespace PostgreSQL (${postgres}:5432) answers`);
  if (await canConnect(collector, vm, 8428)) fail(`from the WireGuard namespace VictoriaMetrics (${vm}:8428) answers`);
  // Nor through the tunnel, from a client that routes everything through it.
  if (await canConnect(inContainer(await containerOf(FULL_TUNNEL.service)), postgres, 5432)) fail(`the full-tunnel client reaches PostgreSQL (${postgres}:5432) through the tunnel`);
  // compose refuses to start without a database password (no default one).
  writeFileSync(`${STATE}/empty.env`, "");
  const refused = await execFileAsync("docker-compose", ["--file", COMPOSE_FILE, "--project-name", `${PROJECT}-nopassword`, "--env-file", `${STATE}/empty.env`, "config", "--quiet"], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", AUTH_SECRET: "x".repeat(48), EXTERNAL_URL: "https://vpn.example.com", WIREGUI_ADMIN_EMAIL: "a@example.com", WIREGUI_ENCRYPTION_KEY: "k" },
  }).then(
    () => null,
    (error: { stderr?: string }) => error.stderr ?? "",
  );
  if (refused === null || !refused.includes("POSTGRES_PASSWORD")) fail("docker-compose accepts compose.yml without POSTGRES_PASSWORD");
  console.log(
    `  deployment: web runs as ${web.Config.User} on a read-only root with no capabilities; wireguard and collector have NET_ADMIN only; ` +
      `the host publishes ${expected.join(" and ")} only; PostgreSQL and VictoriaMetrics unreachable from the WireGuard namespace; no start without POSTGRES_PASSWORD OK`,
  );
}

async function checkSetup(db: Db) {
  // compose:up kept the first start's setup log; every later start (the current container's log,
  // when compose:up ran again) prints no password.
  const passwordLines = (text: string) => text.split("\n").filter((line) => line.includes("Generated password")).length;
  const first = passwordLines(readFileSync(`${STATE}/setup-first-run.log`, "utf8"));
  if (first !== 1) fail(`the first setup run printed the admin password ${first} times (expected once: ${STATE}/setup-first-run.log)`);
  if (passwordLines(await compose(["logs", "--no-color", "setup"])) > 1) fail("setup printed the admin password more than once (docker-compose logs setup)");
  const admin = async () => db.user.findUniqueOrThrow({ where: { email: env.WIREGUI_ADMIN_EMAIL! }, select: { passwordHash: true, updatedAt: true } });
  const [before, usersBefore, configBefore] = [await admin(), await db.user.count(), await db.configuration.findFirst()];
  const rerun = await compose(["run", "--rm", "--no-deps", "setup"]);
  const [after, usersAfter, configAfter] = [await admin(), await db.user.count(), await db.configuration.findFirst()];
  if (rerun.includes("Generated password")) fail("a second setup run printed a new admin password");
  if (after.passwordHash !== before.passwordHash || usersAfter !== usersBefore) fail("a second setup run changed the admin or the users");
  if (JSON.stringify(configAfter) !== JSON.stringify(configBefore)) fail("a second setup run changed the server configuration");
  console.log("  setup: printed the admin password once; a second run printed none and changed nothing OK");
}

// A client's claim about its own address, which Caddy must drop and the web app must never see.
const SPOOFED_ADDRESS = "203.0.113.77";

async function checkHttps(db: Db): Promise<string> {
  const health = await https("GET", "/api/health");
  if (health.status !== 200) fail(`GET ${env.EXTERNAL_URL}/api/health answered HTTP ${health.status}`);
  const password = readFileSync(`${STATE}/admin-password`, "utf8").trim() || fail(`${STATE}/admin-password is empty: setup's password was not captured`);
  const signedInAt = new Date();
  const session = await signIn(env.WIREGUI_ADMIN_EMAIL!, password, { "x-forwarded-for": SPOOFED_ADDRESS });
  const attributes = session.split(";").map((part) => part.trim().toLowerCase());
  if (!attributes.includes("secure") || !attributes.includes("httponly")) fail(`the session cookie is not Secure and HttpOnly: ${attributes.slice(1).join("; ")}`);
  if (!(await isSignedIn(session))) fail("the session cookie from the HTTPS sign-in does not open a session");
  // The address the web app recorded is the one Caddy saw (docker-proxy's, the edge network's
  // gateway): Caddy's X-Forwarded-For is believed (TRUSTED_PROXIES), the client's own is not.
  const edgeId = (await host("docker", ["network", "inspect", `${PROJECT}_edge`, "-f", "{{.Id}}"])).stdout.trim();
  const { stdout } = await host("bash", ["-c", `ip -4 -o address show dev br-${edgeId.slice(0, 12)} | awk '{print $4}' | cut -d / -f 1`]);
  const seen = await db.auditEvent.findFirst({ where: { action: "auth.sign_in", createdAt: { gte: new Date(signedInAt.getTime() - 1000) } }, orderBy: { createdAt: "desc" }, select: { ip: true } });
  if (seen?.ip !== stdout.trim()) fail(`the sign-in was recorded from ${seen?.ip ?? "no address"}, expected ${stdout.trim()} (the client as Caddy saw it; sent X-Forwarded-For: ${SPOOFED_ADDRESS})`);
  console.log(
    `  HTTPS: ${env.EXTERNAL_URL}/api/health 200 with Caddy's local CA; signed in as ${env.WIREGUI_ADMIN_EMAIL}, session cookie Secure and HttpOnly; ` +
      `recorded from ${seen!.ip} as Caddy saw it, not the spoofed ${SPOOFED_ADDRESS} OK`,
  );
  return session;
}

async function clientKeys(): Promise<string[]> {
  return Promise.all(CLIENTS.map(async (client) => (await inContainer(await containerOf(client.service))("wg", ["show", client.interfaceName, "public-key"])).stdout.trim()));
}

/** Problems with the mock clients' sessions, traffic and metrics right now. */
async function clientProblems(db: Db): Promise<string[]> {
  const keys = await clientKeys();
  const server = inContainer(await containerOf("collector"));
  const before = await readDump(server, WG_INTERFACE);
  await sleep(SAMPLE_GAP_MS);
  const after = await readDump(server, WG_INTERFACE);
  const reports = CLIENTS.map((client, index) => reportClient(client.service, keys[index]!, before.peers, after.peers, Date.now(), "docker-compose logs collector"));
  const problems = reports.flatMap((report) => report.problems);
  problems.push(...(await checkMetrics(db, await vmUrl(), keys)));
  if (problems.length === 0) for (const report of reports) console.log(`  ${report.name}  ${report.line} OK`);
  return problems;
}

async function checkClients(db: Db, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problems = await clientProblems(db).catch((error: unknown) => [errorMessage(error)]);
    if (problems.length === 0) return console.log("  mock clients: recent handshakes, growing counters, fresh stats in PostgreSQL, five metrics in VictoriaMetrics OK");
    if (Date.now() > deadline) fail(problems.join("; "));
    console.log(`  not yet (${problems.length} problem(s): ${problems[0]}); checking again`);
    await sleep(2_000);
  }
}

async function fullTunnelGreeting(publicHost: string): Promise<string | null> {
  return readGreeting(inContainer(await containerOf(FULL_TUNNEL.service)), publicHost, DESTINATION.ports.open);
}

async function checkEgressAndNat(db: Db) {
  const publicHost = await addressOf("public-host", "vpn");
  const serverAddress = await addressOf("wireguard", "vpn");
  const greeting = await fullTunnelGreeting(publicHost);
  if (greeting === null) return fail(`the full-tunnel client cannot reach the public host ${publicHost}:${DESTINATION.ports.open} (is the collector's nat table there? docker-compose logs collector)`);
  if (!greeting.endsWith(`from ${serverAddress}`)) fail(`the public host saw "${greeting}", expected the server's address ${serverAddress} as the source`);
  console.log(`  full-tunnel NAT: ${FULL_TUNNEL.interfaceName} -> ${publicHost}:${DESTINATION.ports.open} answered "${greeting}" OK`);

  const client = inContainer(await containerOf(FULL_TUNNEL.service));
  const probe = { db, reach: (port: number) => canConnect(client, publicHost, port), client: FULL_TUNNEL.interfaceName, host: publicHost, ports: DESTINATION.ports, whereToLook: "docker-compose logs collector" };
  const problems = await checkEgressDropRule(probe, "compose:verify");
  if (problems.length > 0) fail(problems.join("; "));

  // Masquerade off: the public host's answers have no way back to the tunnel network.
  await compose(["up", "-d", "--no-deps", "--no-build", "collector"], { WG_IPV4_MASQUERADE: "false", WG_IPV6_MASQUERADE: "false" });
  try {
    const cut = await waitUntil(async () => (await fullTunnelGreeting(publicHost)) === null, 30_000, 500);
    if (cut === null) fail("with WG_IPV4_MASQUERADE=false the full-tunnel client still reaches the public host");
  } finally {
    await compose(["up", "-d", "--no-deps", "--no-build", "collector"]);
  }
  const back = await waitUntil(async () => (await fullTunnelGreeting(publicHost)) !== null, 30_000, 500);
  if (back === null) fail("with masquerade on again the full-tunnel client does not reach the public host");
  console.log("  masquerade off: the full-tunnel client reaches nothing; on again: it does OK");
}

/** Mock clients cannot ping each other until peer to peer is on; they always ping the server. */
async function checkIsolation(db: Db) {
  const [first, second] = CLIENTS as [(typeof CLIENTS)[number], (typeof CLIENTS)[number]];
  const secondKey = (await inContainer(await containerOf(second.service))("wg", ["show", second.interfaceName, "public-key"])).stdout.trim();
  const other = await db.device.findFirst({ where: { publicKey: secondKey }, select: { ipv4: true } });
  if (!other?.ipv4) fail(`no device for ${second.service} in PostgreSQL`);
  const client = inContainer(await containerOf(first.service));
  const problems = await checkPeerToPeer(db, {
    client: first.service,
    other: { name: second.service, address: other!.ipv4! },
    ping: (address) => canPing(client, address),
    whereToLook: "docker-compose logs collector",
  });
  if (problems.length > 0) fail(problems.join("; "));
}

interface PeerCounters {
  handshake: number;
  rx: bigint;
  tx: bigint;
}

async function peerCounters(): Promise<Map<string, PeerCounters>> {
  const dump = await readDump(inContainer(await containerOf("wireguard")), WG_INTERFACE);
  return new Map(dump.peers.map((peer) => [peer.publicKey, { handshake: peer.latestHandshakeAt?.getTime() ?? 0, rx: peer.rxBytes, tx: peer.txBytes }]));
}

// Pings every 3 s make a few hundred bytes a second; a rate computed across a restart from a reset
// baseline would be the whole counter at once.
const ABSURD_RATE = 1024 * 1024;

async function checkRestarts(db: Db, session: string) {
  const keys = await clientKeys();
  const before = await peerCounters();
  const restartedAt = new Date();
  await compose(["restart", "collector"]);
  await sleep(SAMPLE_GAP_MS);
  const fresh = await waitUntil(async () => (await db.device.count({ where: { publicKey: { in: keys }, statsUpdatedAt: { gt: restartedAt } } })) === keys.length, 60_000, 1_000);
  if (fresh === null) fail("after `docker-compose restart collector` the clients' stats in PostgreSQL did not change again within 60 s");
  const after = await peerCounters();
  for (const key of keys) {
    const [earlier, later] = [before.get(key), after.get(key)];
    if (!earlier || !later) fail(`peer ${key} is gone after the collector restarted`);
    if (later!.rx < earlier!.rx || later!.tx < earlier!.tx) fail(`peer ${key}'s counters went back after the collector restarted`);
    if (later!.rx === earlier!.rx) fail(`peer ${key}'s counters stopped after the collector restarted`);
    // The interface belongs to the wireguard container: the session goes on, no new handshake is needed.
    if (later!.handshake < earlier!.handshake) fail(`peer ${key}'s session was reset by the collector restart`);
  }
  const rates = await db.device.findMany({ where: { publicKey: { in: keys } }, select: { name: true, rxBytesPerSecond: true, txBytesPerSecond: true } });
  for (const row of rates) {
    for (const rate of [row.rxBytesPerSecond, row.txBytesPerSecond]) {
      if (rate === null || rate < 0 || rate > ABSURD_RATE) fail(`${row.name}'s rate after the collector restart is ${rate} B/s`);
    }
  }
  console.log(`  collector restart: every session kept (no handshake needed), counters kept growing, stats fresh again within ${Math.round(fresh! / 1000) + SAMPLE_GAP_MS / 1000} s, rates sane OK`);

  const users = await db.user.count();
  await compose(["restart", "web"]);
  const healthy = await waitUntil(async () => (await https("GET", "/api/health").catch(() => null))?.status === 200, 60_000, 1_000);
  if (healthy === null) fail("the web app did not answer within 60 s of `docker-compose restart web`");
  if (!(await isSignedIn(session))) fail("restarting web ended the admin's session");
  if ((await db.user.count()) !== users) fail("restarting web changed the users");
  console.log("  web restart: the signed-in session and every user kept OK");
}

async function checkDownUp(session: string) {
  let db = await connectDatabase();
  const admin = await db.user.findUniqueOrThrow({ where: { email: env.WIREGUI_ADMIN_EMAIL! }, select: { id: true } });
  // A device of the admin's, made as a user makes one: it must survive `down` and `up`.
  const settings = deviceSettingsSchema.parse({ name: `compose-verify-${Date.now() % 100000}`, description: "compose:verify (removed again)" });
  const { device: kept } = await createDevice(db, new SecretBox(env.AUTH_SECRET!), { userId: admin.id, settings });
  const counts = { users: await db.user.count(), devices: await db.device.count() };
  await db.$disconnect();
  const vm = await vmUrl();
  const until = Math.floor(Date.now() / 1000);
  const history = async (base: string) => {
    const response = await fetch(`${base}/api/v1/query_range?${new URLSearchParams({ query: "sum(wiregui_peers_total)", start: String(until - 600), end: String(until), step: "15", nocache: "1" })}`);
    const result = ((await response.json()) as { data: { result: Array<{ values: unknown[] }> } }).data.result;
    return result[0]?.values.length ?? 0;
  };
  const pointsBefore = await history(vm);
  if (pointsBefore === 0) fail("VictoriaMetrics has no chart history before `down`");

  await compose(["down"]);
  await compose(["up", "-d", "--no-build"]);
  // New networks, new bridges: Docker's isolation stand-in again (scripts/compose/lib.sh).
  await host("bash", ["-c", "source scripts/compose/lib.sh && compose_isolation_up"]);
  const healthy = await waitUntil(async () => (await https("GET", "/api/health").catch(() => null))?.status === 200, 120_000, 2_000);
  if (healthy === null) fail("the web app did not answer within 120 s of `docker-compose up` after `down`");
  db = await connectDatabase();
  try {
    const now = { users: await db.user.count(), devices: await db.device.count() };
    if (now.users !== counts.users || now.devices !== counts.devices) fail(`after down and up: ${now.users} users and ${now.devices} devices, before ${counts.users} and ${counts.devices}`);
    if (!(await db.device.findUnique({ where: { id: kept.id } }))) fail("a device made before `down` is gone after `up`");
    await db.device.delete({ where: { id: kept.id } });
  } finally {
    await db.$disconnect();
  }
  const pointsAfter = await history(await vmUrl());
  if (pointsAfter < pointsBefore) fail(`chart history shrank across down and up: ${pointsBefore} points before, ${pointsAfter} after`);
  if (!(await isSignedIn(session))) fail("down and up ended the admin's session");
  console.log(`  down, then up with the volumes kept: ${counts.users} users and ${counts.devices} devices kept, ${pointsAfter} chart points of the last 10 minutes kept, session kept OK`);
}

async function main() {
  const started = Date.now();
  let db: Db | null = null;
  const steps: Array<[string, () => Promise<unknown>]> = [];
  let session = "";
  steps.push(["deployment", checkDeployment]);
  steps.push(["setup", async () => checkSetup((db ??= await connectDatabase()))]);
  steps.push(["HTTPS", async () => (session = await checkHttps((db ??= await connectDatabase())))]);
  steps.push(["mock clients", async () => checkClients((db ??= await connectDatabase()), Number(options.timeout) * 1000)]);
  if (!options.quick) {
    steps.push(["egress and NAT", async () => checkEgressAndNat(db!)]);
    steps.push(["client isolation", async () => checkIsolation(db!)]);
    steps.push(["restarts", async () => checkRestarts(db!, session)]);
    steps.push([
      "down and up",
      async () => {
        await db?.$disconnect();
        db = null;
        await checkDownUp(session);
      },
    ]);
  }
  console.log(`compose:verify on ${env.EXTERNAL_URL} (project ${PROJECT}):`);
  let passed = 0;
  try {
    for (const [name, run] of steps) {
      try {
        await run();
        passed += 1;
      } catch (error) {
        console.log(`compose:verify FAILED at "${name}": ${errorMessage(error)} (${steps.length - passed - 1} later step(s) not run)`);
        process.exitCode = 1;
        break;
      }
    }
    if (passed === steps.length) console.log(`compose:verify passed in ${Math.round((Date.now() - started) / 1000)} s: ${steps.map(([name]) => name).join(", ")}.`);
  } finally {
    await (db as Db | null)?.$disconnect();
    // For `npm test`'s summary (scripts/test-summary.mjs): a step not run counts as failed.
    if (options.report) writeFileSync(options.report, JSON.stringify({ numPassedTests: passed, numFailedTests: steps.length - passed, numPendingTests: 0 }));
  }
}

await main();
