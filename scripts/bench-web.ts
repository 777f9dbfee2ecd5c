// Benchmark of the web app's lists at scale (`npm run bench:web`, issue 13): for N devices over N/10
// users (default 1,000 and 10,000) in a scratch database, the built app (`next start`, its own
// distDir .next-bench) is signed into over HTTP as a browser is, and the requests the pages really
// make are timed: the admin Devices refresh from 10 tabs, 50 users and 5 admins refreshing together,
// page HTML, adding a device, search. It prints one table per N and a verdict per goal of the issue,
// and exits 0 even when goals fail (non-zero only when the benchmark itself breaks). Cleans up after
// itself, on failure and Ctrl-C too, and first removes what an interrupted run left.
//
// The web app runs as with a collector sidecar (WG_METRICS_ENABLED=true, no VictoriaMetrics): no
// stats work in the web process, and this script stamps collector_status every 5 s as a collector
// would, so the rates the seeded devices carry are shown (and sent) as on a live server.
//
// Heavy runs hold the e2e lock: `flock /tmp/wiregui-e2e.lock npm run bench:web -- --devices 1000,10000`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { applyMigrations } from "../cli/database";
import { emptyDeviceForm } from "../components/devices/device-form";
import { hashPassword } from "../lib/auth/password";
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb, type Db } from "../lib/db/client";
import { recordCycleStatus } from "../lib/db/stats";
import { bigIntToIp, parseCidr } from "../lib/net/ip";
import { applySetup } from "../lib/setup/setup";
import { generateKeyPair } from "../lib/wireguard/keys";
import { runAsAdmin, withDatabase } from "../test/database";
import { cpuPercent, cpuTicksFromStat, formatBytes, formatMs, listeningSocketInodes, summarize, verdictLine, type LatencySummary } from "./bench-measure";

// ---------------------------------------------------------------------------------------------
// What the pages request. Keep these in step with the pages: when the admin list moves to server
// pagination (page/pageSize/sort/q, ETag), only these definitions change.
// ---------------------------------------------------------------------------------------------

interface RequestDefinition {
  name: string;
  /** Path and query exactly as the page's query function builds them. */
  path: string;
  /**
   * fetch()'s cache mode in that query function (components/ui/fetch-json.ts): "no-store" never
   * revalidates; "no-cache" sends If-None-Match / If-Modified-Since from the last answer, as the
   * browser's HTTP cache does, and a 304 counts as a refresh.
   */
  cache: "no-store" | "no-cache";
}

const REQUESTS = {
  /**
   * app/(app)/admin/devices every 10 s: adminDevicesQuery (components/devices/device-queries.ts), the
   * first page with the defaults, If-None-Match with the page's ETag (a 304 while nothing on it
   * changed), and TrafficPanel on /api/v1/traffic, range "1h". React Query fires both together.
   */
  adminDevicesRefresh: [
    { name: "device list", path: "/api/v1/devices?user=all", cache: "no-cache" },
    { name: "traffic overview", path: "/api/v1/traffic?range=1h", cache: "no-store" },
  ] satisfies RequestDefinition[],
  /** app/(app)/devices every 10 s: LiveDevicesTable without a user filter. */
  myDevicesRefresh: [{ name: "device list", path: "/api/v1/devices", cache: "no-store" }] satisfies RequestDefinition[],
  /** Page loads (HTML). {userId}: one user with devices. */
  pages: [
    { name: "admin Devices", path: "/admin/devices", as: "admin" },
    { name: "Users", path: "/admin/users", as: "admin" },
    { name: "User (admin)", path: "/admin/users/{userId}", as: "admin" },
    { name: "My devices", path: "/devices", as: "user" },
  ] as const,
  /**
   * "Add device" on admin Devices (components/devices/create-device-button.tsx): the server action,
   * posted to the page it is on, then router.refresh() re-renders the page. The HTTP API route that
   * the same verb (createDeviceAs) backs is timed beside it.
   */
  addDevice: {
    page: "/admin/devices",
    action: { file: "app/(app)/devices/actions.ts", exportedName: "createDeviceAction" },
    /**
     * The Next-Router-State-Tree the page's router sends with the action, as Chromium sent it on
     * /admin/devices (Next.js 16.4): the route's segments. router.refresh() sends the same tree
     * marked "refetch" at the root. Change it with the route (a new segment, a layout).
     */
    routerStateTree: ["", { children: ["(app)", { children: ["admin", { children: ["devices", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 4] }, null, null, 8] }, null, null, 24],
    // The action answers only the new device; the page then refetches its one page (invalidation).
    refreshAfter: false,
    api: { method: "POST", path: "/api/v1/devices" },
  },
  /** Device search (name, owner email, address, public key prefix): the admin list's q. */
  deviceSearch: { name: "device search", path: "/api/v1/devices?user=all&q={query}", cache: "no-store" } as RequestDefinition | null,
  /** Not a goal of the issue, shown for comparison: the Users page's own search (server paged). */
  userSearch: { name: "Users page search", path: "/admin/users?q={query}", cache: "no-store" } satisfies RequestDefinition,
};

// ---------------------------------------------------------------------------------------------

const ROOT = resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-bench";
const DATABASE = "wgbench_web";
const SERVER_PID_FILE = join(ROOT, DIST_DIR, "bench-web-server.pid");
const INTERFACE = "wgbench0";
const TABS = 10;
const TAB_PAUSE_MS = 1_000;
const REFRESH_MS = 10_000;
const USERS_SIGNED_IN = 50;
const ADMINS_SIGNED_IN = 5;
const PAGE_ROUNDS = 10;
const ADD_ROUNDS = 5;
const DEVICES_PER_USER = 10;
const PASSWORD = "wgbench-password-1";
const ADMIN_EMAIL = "admin@wgbench.example.com";
const IPV4_NETWORK = "10.100.0.0/16";
const IPV6_NETWORK = "fd00:100::/112";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const REQUEST_TIMEOUT_MS = 180_000;

const log = (message: string) => console.error(`bench-web: ${message}`);

// --- HTTP as a browser sends it ---------------------------------------------------------------

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number;
  raw: Buffer;
  ms: number;
}

/** One signed-in browser: its cookies, its connections (keep-alive, as browsers) and its HTTP cache validators. */
class Browser {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  readonly cookies = new Map<string, string>();
  readonly validators = new Map<string, { etag?: string; lastModified?: string }>();

  constructor(readonly origin: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
    const url = new URL(options.path, this.origin);
    const headers: Record<string, string> = { "user-agent": USER_AGENT, "accept-encoding": "gzip, deflate, br, zstd", "accept-language": "en", ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
    const started = performance.now();
    return new Promise((resolvePromise, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? "GET", headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const ms = performance.now() - started;
          for (const line of response.headers["set-cookie"] ?? []) {
            const [pair] = line.split(";");
            const at = pair!.indexOf("=");
            this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
          }
          const raw = Buffer.concat(chunks);
          resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, wireBytes: raw.length, raw, ms });
        });
      });
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer to ${options.method ?? "GET"} ${options.path} within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      request.on("error", reject);
      request.end(options.body);
    });
  }

  /** A fetch() from a page's query function; throws unless 2xx (or 304 when revalidating). */
  async fetchDefinition(definition: RequestDefinition): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json", "sec-fetch-mode": "cors", "sec-fetch-site": "same-origin", referer: `${this.origin}/` };
    const cached = this.validators.get(definition.path);
    if (definition.cache === "no-cache" && cached) {
      if (cached.etag) headers["if-none-match"] = cached.etag;
      if (cached.lastModified) headers["if-modified-since"] = cached.lastModified;
    }
    const answer = await this.send({ path: definition.path, headers });
    if (answer.status === 304 && definition.cache === "no-cache") return answer;
    expectOk(answer, `GET ${definition.path}`);
    const etag = answer.headers.etag;
    const lastModified = answer.headers["last-modified"];
    if (etag || lastModified) this.validators.set(definition.path, { etag, lastModified });
    return answer;
  }

  /** A page load (navigation). */
  async loadPage(path: string): Promise<Answer> {
    const answer = await this.send({ path, headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" } });
    expectOk(answer, `GET ${path}`);
    return answer;
  }

  /**
   * Another tab of this browser: the same session cookie, its own connections (as over HTTP/2, or
   * as a browser's per-host limit of 6 would allow for one tab's two queries).
   */
  openTab(): Browser {
    const tab = new Browser(this.origin);
    for (const [name, value] of this.cookies) tab.cookies.set(name, value);
    return tab;
  }

  close() {
    this.agent.destroy();
  }
}

function expectOk(answer: Answer, what: string) {
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${what} answered HTTP ${answer.status}${answer.headers.location ? ` (to ${answer.headers.location})` : ""}: ${decoded(answer).toString("utf8").slice(0, 300)}`);
  }
}

function decoded(answer: Answer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "gzip") return gunzipSync(answer.raw);
  if (encoding === "br") return brotliDecompressSync(answer.raw);
  if (encoding === "deflate") return inflateSync(answer.raw);
  return answer.raw;
}

/** next-auth's password sign-in as the login form posts it: the CSRF round trip, then the credentials callback. */
async function signIn(origin: string, email: string): Promise<Browser> {
  const browser = new Browser(origin);
  const csrf = await browser.send({ path: "/api/auth/csrf", headers: { accept: "application/json" } });
  expectOk(csrf, "GET /api/auth/csrf");
  const { csrfToken } = JSON.parse(decoded(csrf).toString("utf8")) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email, password: PASSWORD, code: "", json: "true" }).toString();
  const answer = await browser.send({ method: "POST", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded", origin }, body });
  if (answer.status !== 200 || ![...browser.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`signing in as ${email} failed: HTTP ${answer.status} ${decoded(answer).toString("utf8").slice(0, 200)}`);
  }
  return browser;
}

// --- the scratch database ------------------------------------------------------------------------

const FIRST_NAMES = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Vint", "Frances", "Donald", "Hedy", "Tim", "Katherine", "John", "Sophie", "Edsger", "Joan", "Claude", "Mary", "Leslie", "Annie", "Niklaus", "Shafi", "Whitfield", "Lynn", "Bjarne", "Adele", "Guido"];
const LAST_NAMES = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Cerf", "Allen", "Knuth", "Lamarr", "Berners-Lee", "Johnson", "McCarthy", "Wilson", "Dijkstra", "Clarke", "Shannon", "Keller", "Lamport", "Easley", "Wirth", "Goldwasser", "Diffie", "Conway", "Stroustrup", "Goldberg", "van Rossum"];
const DOMAINS = ["example.com", "example.org", "example.net"];
const DEVICE_NAMES = ["laptop", "phone", "tablet", "desktop", "work laptop", "home server", "raspberry pi", "router", "living room tv", "watch", "steam deck", "nas", "old phone", "car"];

interface Seeded {
  userIds: string[];
  adminId: string;
  online: number;
}

function addressAt(network: string, index: number): string {
  const { family, network: base } = parseCidr(network);
  // The first host is the server's (lib/net/allocate.ts): devices start at the second.
  return bigIntToIp(base + 2n + BigInt(index), family);
}

async function seed(db: Db, authSecret: string, deviceCount: number): Promise<Seeded> {
  const box = new SecretBox(authSecret);
  await applySetup(db, box, {
    admin: { email: ADMIN_EMAIL, password: PASSWORD },
    settings: { ipv4Network: IPV4_NETWORK, ipv6Network: IPV6_NETWORK, listenPort: 51820, endpoint: "vpn.wgbench.example.com:51820" },
    explicit: new Set(),
  });
  const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL }, select: { id: true } });
  const passwordHash = await hashPassword(PASSWORD);
  const userCount = Math.ceil(deviceCount / DEVICES_PER_USER);
  const now = Date.now();
  const day = 86_400_000;
  const users = Array.from({ length: userCount }, (_, index) => {
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const domain = DOMAINS[index % DOMAINS.length]!;
    return {
      email: `${first}.${last}.${index + 1}@${domain}`.toLowerCase().replaceAll(" ", ""),
      name: `${first} ${last}`,
      passwordHash,
      role: "unprivileged" as const,
      lastSignInAt: index % 3 === 0 ? null : new Date(now - randomInt(30) * day),
      lastSignInMethod: index % 3 === 0 ? null : "password",
      createdAt: new Date(now - randomInt(365) * day),
    };
  });
  const userIds: string[] = [];
  for (let start = 0; start < users.length; start += 5_000) {
    const created = await db.user.createManyAndReturn({ data: users.slice(start, start + 5_000), select: { id: true } });
    userIds.push(...created.map((user) => user.id));
  }
  let online = 0;
  const devices = Array.from({ length: deviceCount }, (_, index) => {
    const owner = Math.floor(index / DEVICES_PER_USER);
    const kind = index % 10;
    // 3 in 10 connected now (handshake within two minutes, moving traffic), 3 seen earlier, 4 never.
    const isOnline = kind < 3;
    const wasSeen = kind < 6;
    if (isOnline) online += 1;
    const name = DEVICE_NAMES[(index % DEVICES_PER_USER + owner) % DEVICE_NAMES.length]!;
    return {
      userId: userIds[owner]!,
      name: `${users[owner]!.name.split(" ")[0]}'s ${name}`,
      description: kind === 1 ? "Issued by IT" : "",
      publicKey: generateKeyPair().publicKey,
      presharedKeyEncrypted: box.seal(randomBytes(32).toString("base64")),
      ipv4: addressAt(IPV4_NETWORK, index),
      ipv6: addressAt(IPV6_NETWORK, index),
      rxBytes: wasSeen ? BigInt(randomInt(1, 2 ** 40)) : 0n,
      txBytes: wasSeen ? BigInt(randomInt(1, 2 ** 38)) : 0n,
      latestHandshakeAt: isOnline ? new Date(now - randomInt(120_000)) : wasSeen ? new Date(now - randomInt(1, 60) * day) : null,
      remoteEndpoint: wasSeen ? `198.51.100.${(index % 250) + 1}:${randomInt(1024, 65535)}` : null,
      rxBytesPerSecond: isOnline ? randomInt(0, 5_000_000) / 10 : wasSeen ? 0 : null,
      txBytesPerSecond: isOnline ? randomInt(0, 2_000_000) / 10 : wasSeen ? 0 : null,
      statsUpdatedAt: wasSeen ? new Date(now) : null,
      createdAt: new Date(now - randomInt(365) * day),
    };
  });
  for (let start = 0; start < devices.length; start += 5_000) await db.device.createMany({ data: devices.slice(start, start + 5_000) });
  const stored = await db.device.count();
  if (stored !== deviceCount) throw new Error(`seeded ${stored} devices, expected ${deviceCount}`);
  return { userIds, adminId: admin.id, online };
}

/** What a collector sidecar writes after each 5 s cycle: keeps the rates "fresh" for the pages. */
function startCollectorHeartbeat(db: Db, peers: number, connected: number): () => Promise<void> {
  const stamp = () => recordCycleStatus(db, { interfaceName: INTERFACE, source: "collector", pollIntervalSeconds: 5, cycle: { at: new Date(), durationMs: 40, peersOnInterface: peers, peersConnected: connected } });
  let running: Promise<unknown> = stamp();
  const timer = setInterval(() => {
    running = running.then(stamp).catch((error: unknown) => log(`collector status not stamped: ${String(error)}`));
  }, 5_000);
  return async () => {
    clearInterval(timer);
    await running.catch(() => undefined);
  };
}

// --- the built app ---------------------------------------------------------------------------------

const SOURCE_ENTRIES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** `next build` into .next-bench unless a build newer than every source exists. */
function ensureBuild(force: boolean) {
  const buildId = join(ROOT, DIST_DIR, "BUILD_ID");
  if (!force && existsSync(buildId)) {
    const sources = Math.max(...SOURCE_ENTRIES.filter((entry) => existsSync(join(ROOT, entry))).map((entry) => newestMtime(join(ROOT, entry))));
    if (statSync(buildId).mtimeMs > sources) {
      log(`reusing the build in ${DIST_DIR} (newer than the sources; --rebuild to build again)`);
      return;
    }
  }
  log(`building into ${DIST_DIR}...`);
  // A custom distDir makes `next build` add its types folder to tsconfig.json: put it back.
  const tsconfigPath = join(ROOT, "tsconfig.json");
  const tsconfig = readFileSync(tsconfigPath, "utf8");
  const tsconfigStat = statSync(tsconfigPath);
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    // Its output goes to stderr: stdout is for the tables.
    stdio: ["ignore", 2, 2],
  });
  if (readFileSync(tsconfigPath, "utf8") !== tsconfig) {
    writeFileSync(tsconfigPath, tsconfig);
    // Its old time too, or the next run would find a source newer than this build.
    utimesSync(tsconfigPath, tsconfigStat.atime, tsconfigStat.mtime);
  }
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePromise(port));
    });
  });
}

/** The pid whose socket listens on 127.0.0.1:port: the process that serves (whether or not `next start` forked). */
function findListeningPid(port: number): number | null {
  const inodes = new Set(["/proc/net/tcp", "/proc/net/tcp6"].filter((table) => existsSync(table)).flatMap((table) => listeningSocketInodes(readFileSync(table, "utf8"), port)));
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1]!)) return Number(entry);
      } catch {
        // The fd closed meanwhile.
      }
    }
  }
  return null;
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

function readCpuTicks(pid: number): number {
  return cpuTicksFromStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

/** CPU of `pid` over `work`, in % of one core, and how long `work` took. */
async function withCpu<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpu: number; elapsedMs: number }> {
  const before = readCpuTicks(pid);
  const started = performance.now();
  const result = await work();
  const elapsedMs = performance.now() - started;
  return { result, cpu: cpuPercent(before, readCpuTicks(pid), elapsedMs, CLOCK_TICKS), elapsedMs };
}

interface RunningServer {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** For the Ctrl-C handler: the server running now and its log. */
let currentServer: { child: ChildProcess; logPath: string } | null = null;

async function startServer(databaseUrl: string, authSecret: string): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logPath = join(tmpdir(), `wgbench-web-${port}.log`);
  const output = openSync(logPath, "w");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: authSecret,
    EXTERNAL_URL: origin,
    WG_INTERFACE: INTERFACE,
    WG_IPV4_NETWORK: IPV4_NETWORK,
    WG_IPV6_NETWORK: IPV6_NETWORK,
    WG_METRICS_ENABLED: "true",
    WG_COLLECTOR_MODE: "sidecar",
  };
  const child = spawn(process.execPath, [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", output, output] });
  closeSync(output);
  currentServer = { child, logPath };
  writeFileSync(SERVER_PID_FILE, String(child.pid));
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    currentServer = null;
    rmSync(SERVER_PID_FILE, { force: true });
    rmSync(logPath, { force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const tail = readFileSync(logPath, "utf8").slice(-2000);
      await stop();
      throw new Error(`next start stopped (${exited}):\n${tail}`);
    }
    const answer = await new Browser(origin).send({ path: "/api/health" }).catch(() => null);
    if (answer?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error("next start did not answer /api/health within 60 s");
    }
    await sleep(250);
  }
  const pid = findListeningPid(port);
  if (!pid) throw new Error(`no process found listening on port ${port}`);
  return { origin, pid, stop };
}

// --- measurements -----------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One refresh as the page fires it: every query of the page together, done when the last answers. */
async function refresh(browser: Browser, definitions: RequestDefinition[]): Promise<{ ms: number; perRequest: number[]; wireBytes: number }> {
  const started = performance.now();
  const answers = await Promise.all(definitions.map((definition) => browser.fetchDefinition(definition)));
  return { ms: performance.now() - started, perRequest: answers.map((answer) => answer.ms), wireBytes: answers.reduce((sum, answer) => sum + answer.wireBytes, 0) };
}

interface TabsResult {
  refresh: LatencySummary;
  perRequest: LatencySummary[];
  refreshesPerSecond: number;
  cpu: number;
}

/** (1) TABS tabs of one admin, each: refresh, wait 1 s, again, for the duration. */
async function measureTabs(admin: Browser, pid: number, durationMs: number): Promise<TabsResult> {
  const definitions = REQUESTS.adminDevicesRefresh;
  const tabs = Array.from({ length: TABS }, () => admin.openTab());
  const times: number[] = [];
  const perRequest: number[][] = definitions.map(() => []);
  try {
    const { cpu, elapsedMs } = await withCpu(pid, async () => {
      const end = performance.now() + durationMs;
      await Promise.all(
        tabs.map(async (tab, index) => {
          // Tabs opened one after another are out of step: starts spread over one pause.
          await sleep((index * TAB_PAUSE_MS) / TABS);
          while (performance.now() < end) {
            const result = await refresh(tab, definitions);
            times.push(result.ms);
            result.perRequest.forEach((ms, index) => perRequest[index]!.push(ms));
            if (performance.now() + TAB_PAUSE_MS >= end) break;
            await sleep(TAB_PAUSE_MS);
          }
        }),
      );
    });
    return { refresh: summarize(times), perRequest: perRequest.map(summarize), refreshesPerSecond: times.length / (elapsedMs / 1000), cpu };
  } finally {
    for (const tab of tabs) tab.close();
  }
}

interface CrowdResult {
  users: LatencySummary;
  admins: LatencySummary;
  cpu: number;
}

/** (2) Everyone on their page's 10 s refresh, starts spread evenly over the first 10 s. */
async function measureCrowd(users: Browser[], admins: Browser[], pid: number, durationMs: number): Promise<CrowdResult> {
  // One start every 10 s / 55: the admins take every 11th slot, spread among the users.
  const total = users.length + admins.length;
  const spacing = Math.floor(total / admins.length);
  const queue = { users: [...users], admins: [...admins] };
  const schedule = Array.from({ length: total }, (_, slot) => {
    const isAdmin = queue.admins.length > 0 && (slot % spacing === spacing - 1 || queue.users.length === 0);
    return { browser: (isAdmin ? queue.admins : queue.users).shift()!, isAdmin };
  });
  const userTimes: number[] = [];
  const adminTimes: number[] = [];
  const { cpu } = await withCpu(pid, async () => {
    const start = performance.now();
    await Promise.all(
      schedule.map(async ({ browser, isAdmin }, slot) => {
        for (let due = start + (slot * REFRESH_MS) / total; due < start + durationMs; due += REFRESH_MS) {
          await sleep(Math.max(0, due - performance.now()));
          const result = await refresh(browser, isAdmin ? REQUESTS.adminDevicesRefresh : REQUESTS.myDevicesRefresh);
          (isAdmin ? adminTimes : userTimes).push(result.ms);
        }
      }),
    );
  });
  return { users: summarize(userTimes), admins: summarize(adminTimes), cpu };
}

interface PageResult {
  name: string;
  htmlBytes: number;
  wireBytes: number;
  latency: LatencySummary;
}

async function measurePages(browsers: { admin: Browser; user: Browser }, userId: string): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const page of REQUESTS.pages) {
    const path = page.path.replace("{userId}", userId);
    const browser = browsers[page.as];
    const times: number[] = [];
    let last: Answer | null = null;
    for (let round = 0; round < PAGE_ROUNDS; round += 1) {
      last = await browser.loadPage(path);
      times.push(last.ms);
    }
    results.push({ name: page.name, htmlBytes: decoded(last!).length, wireBytes: last!.wireBytes, latency: summarize(times) });
  }
  return results;
}

interface SearchResult {
  name: string;
  latency: LatencySummary;
}

async function measureSearch(browser: Browser, definition: RequestDefinition, query: string): Promise<SearchResult> {
  const path = definition.path.replace("{query}", encodeURIComponent(query));
  const times: number[] = [];
  for (let round = 0; round < PAGE_ROUNDS; round += 1) {
    const answer = path.startsWith("/api/") ? await browser.fetchDefinition({ ...definition, path }) : await browser.loadPage(path);
    times.push(answer.ms);
  }
  return { name: definition.name, latency: summarize(times) };
}

/** The action id Next.js gave `exportedName` of `file` in this build. */
function findActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, DIST_DIR, "server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} of ${file} in ${DIST_DIR}/server/server-reference-manifest.json`);
  return found[0];
}

interface AddResult {
  action: LatencySummary;
  actionBytes: number;
  refreshAfter: LatencySummary;
  refreshAfterBytes: number;
  total: LatencySummary;
  api: LatencySummary;
  apiBytes: number;
}


async function measureAddDevice(admin: Browser, adminId: string, db: Db): Promise<AddResult> {
  const { page, action, api, routerStateTree } = REQUESTS.addDevice;
  const actionId = findActionId(action.file, action.exportedName);
  const actionTree = encodeURIComponent(JSON.stringify(routerStateTree));
  const [segment, children] = routerStateTree;
  const refreshTree = encodeURIComponent(JSON.stringify([segment, children, null, "refetch", ...routerStateTree.slice(4)]));
  // The router adds _rsc, a hash of its headers, which the server checks (else 307 to the right one).
  const refreshPath = `${page}?_rsc=${await computeCacheBustingSearchParam(undefined, undefined, refreshTree, undefined)}`;
  const before = await db.device.count();
  const actionTimes: number[] = [];
  const refreshTimes: number[] = [];
  const totals: number[] = [];
  const apiTimes: number[] = [];
  let actionBytes = 0;
  let refreshAfterBytes = 0;
  let apiBytes = 0;
  for (let round = 0; round < ADD_ROUNDS; round += 1) {
    const name = `wgbench added ${round + 1} ${randomBytes(3).toString("hex")}`;
    // What the form's action.run() sends: the arguments encoded by React's encodeReply (plain JSON here).
    const answer = await admin.send({
      method: "POST",
      path: page,
      headers: { accept: "text/x-component", "next-action": actionId, "next-router-state-tree": actionTree, "content-type": "text/plain;charset=UTF-8", origin: admin.origin, referer: `${admin.origin}${page}` },
      body: JSON.stringify([{ userId: adminId, settings: { ...emptyDeviceForm, name } }]),
    });
    expectOk(answer, `server action ${action.exportedName}`);
    const text = decoded(answer).toString("utf8");
    if (!text.includes(name)) throw new Error(`the server action's answer does not carry the new device: ${text.slice(0, 300)}`);
    actionTimes.push(answer.ms);
    actionBytes = decoded(answer).length;
    let refreshMs = 0;
    if (REQUESTS.addDevice.refreshAfter) {
      const refreshed = await admin.send({ path: refreshPath, headers: { accept: "*/*", rsc: "1", "next-router-state-tree": refreshTree, referer: `${admin.origin}${page}` } });
      expectOk(refreshed, `router.refresh() of ${page}`);
      if (!String(refreshed.headers["content-type"]).startsWith("text/x-component")) throw new Error(`router.refresh() of ${page} answered ${refreshed.headers["content-type"]}, not an RSC payload`);
      refreshMs = refreshed.ms;
      refreshTimes.push(refreshed.ms);
      refreshAfterBytes = decoded(refreshed).length;
    }
    totals.push(answer.ms + refreshMs);

    const apiName = `wgbench api ${round + 1} ${randomBytes(3).toString("hex")}`;
    const apiAnswer = await admin.send({
      method: api.method,
      path: api.path,
      headers: { accept: "application/json", "content-type": "application/json", origin: admin.origin },
      body: JSON.stringify({ userId: adminId, settings: { ...emptyDeviceForm, name: apiName } }),
    });
    if (apiAnswer.status !== 201) throw new Error(`${api.method} ${api.path} answered HTTP ${apiAnswer.status}: ${decoded(apiAnswer).toString("utf8").slice(0, 300)}`);
    apiTimes.push(apiAnswer.ms);
    apiBytes = decoded(apiAnswer).length;
  }
  const added = (await db.device.count()) - before;
  if (added !== 2 * ADD_ROUNDS) throw new Error(`adding devices stored ${added} devices, expected ${2 * ADD_ROUNDS}`);
  return { action: summarize(actionTimes), actionBytes, refreshAfter: summarize(refreshTimes), refreshAfterBytes, total: summarize(totals), api: summarize(apiTimes), apiBytes };
}

// --- one run -------------------------------------------------------------------------------------

interface RunResult {
  devices: number;
  users: number;
  refreshSizes: Array<{ name: string; bytes: number; wireBytes: number }>;
  sequential: LatencySummary;
  tabs: TabsResult;
  crowd: CrowdResult;
  pages: PageResult[];
  deviceSearch: SearchResult | null;
  userSearch: SearchResult;
  add: AddResult;
}

async function benchmarkOnce(baseUrl: string, deviceCount: number, durationMs: number): Promise<RunResult> {
  await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await runAsAdmin(baseUrl, `CREATE DATABASE "${DATABASE}"`);
  const url = withDatabase(baseUrl, DATABASE);
  applyMigrations(url);
  const db = createDb(url);
  const authSecret = randomBytes(32).toString("hex");
  let server: RunningServer | null = null;
  let stopHeartbeat: (() => Promise<void>) | null = null;
  const browsers: Browser[] = [];
  try {
    log(`${deviceCount.toLocaleString("en")} devices: seeding...`);
    const seeded = await seed(db, authSecret, deviceCount);
    stopHeartbeat = startCollectorHeartbeat(db, deviceCount, seeded.online);
    server = await startServer(url, authSecret);
    log(`${deviceCount.toLocaleString("en")} devices: next start (pid ${server.pid}) at ${server.origin}; signing in ${ADMINS_SIGNED_IN} admins and ${USERS_SIGNED_IN} users...`);
    const admins: Browser[] = [];
    for (let index = 0; index < ADMINS_SIGNED_IN; index += 1) admins.push(await signIn(server.origin, ADMIN_EMAIL));
    browsers.push(...admins);
    const users: Browser[] = [];
    const userEmails = await db.user.findMany({ where: { id: { in: seeded.userIds.slice(0, USERS_SIGNED_IN) } }, select: { email: true } });
    for (const { email } of userEmails) users.push(await signIn(server.origin, email));
    browsers.push(...users);
    const admin = admins[0]!;
    const { pid } = server;

    // Warm-up (not timed): every route once, so first-request compilation does not count.
    log(`${deviceCount.toLocaleString("en")} devices: warming up...`);
    const refreshSizes = [];
    for (const definition of REQUESTS.adminDevicesRefresh) {
      const answer = await admin.fetchDefinition(definition);
      refreshSizes.push({ name: definition.name, bytes: decoded(answer).length, wireBytes: answer.wireBytes });
    }
    await refresh(users[0]!, REQUESTS.myDevicesRefresh);
    for (const page of REQUESTS.pages) await (page.as === "admin" ? admin : users[0]!).loadPage(page.path.replace("{userId}", seeded.userIds[0]!));

    log(`${deviceCount.toLocaleString("en")} devices: pages, sequential refreshes, search...`);
    const pages = await measurePages({ admin, user: users[0]! }, seeded.userIds[0]!);
    const sequentialTimes: number[] = [];
    for (let round = 0; round < PAGE_ROUNDS; round += 1) sequentialTimes.push((await refresh(admin, REQUESTS.adminDevicesRefresh)).ms);
    const someone = await db.user.findUniqueOrThrow({ where: { id: seeded.userIds[Math.floor(seeded.userIds.length / 2)]! }, select: { email: true } });
    const query = someone.email.split("@")[0]!;
    const deviceSearch = REQUESTS.deviceSearch ? await measureSearch(admin, REQUESTS.deviceSearch, query) : null;
    const userSearch = await measureSearch(admin, REQUESTS.userSearch, query);

    log(`${deviceCount.toLocaleString("en")} devices: ${TABS} admin tabs for ${durationMs / 1000} s...`);
    const tabs = await measureTabs(admin, pid, durationMs);
    await sleep(2_000);
    log(`${deviceCount.toLocaleString("en")} devices: ${USERS_SIGNED_IN} users and ${ADMINS_SIGNED_IN} admins every ${REFRESH_MS / 1000} s for ${durationMs / 1000} s...`);
    const crowd = await measureCrowd(users, admins, pid, durationMs);
    log(`${deviceCount.toLocaleString("en")} devices: adding devices...`);
    const add = await measureAddDevice(admin, seeded.adminId, db);
    return { devices: deviceCount, users: seeded.userIds.length, refreshSizes, sequential: summarize(sequentialTimes), tabs, crowd, pages, deviceSearch, userSearch, add };
  } finally {
    for (const browser of browsers) browser.close();
    await stopHeartbeat?.();
    await server?.stop();
    await db.$disconnect();
    await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  }
}

// --- report ---------------------------------------------------------------------------------------

function latencyCell(summary: LatencySummary): string {
  return `${formatMs(summary.p50)} / ${formatMs(summary.p95)} / ${formatMs(summary.max)}`;
}

function printRun(r: RunResult, durationMs: number) {
  const seconds = durationMs / 1000;
  const adminPaths = REQUESTS.adminDevicesRefresh.map((definition) => definition.path).join(" + ");
  console.log(`\n### ${r.devices.toLocaleString("en")} devices, ${r.users.toLocaleString("en")} users`);
  console.log("| measurement | p50 / p95 / max | other |");
  console.log("|---|---:|---|");
  console.log(`| admin Devices refresh answer (${adminPaths}) | | ${r.refreshSizes.map((size) => `${size.name} ${formatBytes(size.bytes)} (${formatBytes(size.wireBytes)} gzip)`).join(", ")} |`);
  console.log(`| admin Devices refresh, sequential ×${PAGE_ROUNDS} | ${latencyCell(r.sequential)} | |`);
  console.log(
    `| admin Devices refresh, ${TABS} tabs × (refresh, 1 s pause), ${seconds} s | ${latencyCell(r.tabs.refresh)} | ${(r.tabs.refreshesPerSecond / TABS).toFixed(2)} refreshes/s per tab (${r.tabs.refreshesPerSecond.toFixed(1)} of ${TABS} together); web CPU ${r.tabs.cpu.toFixed(0)} % of a core |`,
  );
  REQUESTS.adminDevicesRefresh.forEach((definition, index) => console.log(`| … of which ${definition.name} | ${latencyCell(r.tabs.perRequest[index]!)} | |`));
  console.log(`| ${USERS_SIGNED_IN} users (My devices) + ${ADMINS_SIGNED_IN} admins (Devices), every ${REFRESH_MS / 1000} s, ${seconds} s: users | ${latencyCell(r.crowd.users)} | ${r.crowd.users.count} refreshes; web CPU ${r.crowd.cpu.toFixed(0)} % |`);
  console.log(`| … admins | ${latencyCell(r.crowd.admins)} | ${r.crowd.admins.count} refreshes |`);
  for (const page of r.pages) console.log(`| page ${page.name}, ×${PAGE_ROUNDS} | ${latencyCell(page.latency)} | HTML ${formatBytes(page.htmlBytes)} (${formatBytes(page.wireBytes)} gzip) |`);
  const add = r.add;
  console.log(`| add device: server action (${ADD_ROUNDS}×) | ${latencyCell(add.action)} | answer ${formatBytes(add.actionBytes)} |`);
  if (REQUESTS.addDevice.refreshAfter) console.log(`| … then router.refresh() | ${latencyCell(add.refreshAfter)} | answer ${formatBytes(add.refreshAfterBytes)} |`);
  console.log(`| … action + refresh | ${latencyCell(add.total)} | |`);
  console.log(`| add device: ${REQUESTS.addDevice.api.method} ${REQUESTS.addDevice.api.path} (same verb) | ${latencyCell(add.api)} | answer ${formatBytes(add.apiBytes)} |`);
  console.log(`| device search | ${r.deviceSearch ? latencyCell(r.deviceSearch.latency) : "n/a (no search)"} | |`);
  console.log(`| ${r.userSearch.name} (not a goal) | ${latencyCell(r.userSearch.latency)} | |`);
}

function printVerdicts(results: RunResult[]) {
  const at = (count: number) => results.find((r) => r.devices === count);
  const big = at(10_000);
  const small = at(1_000);
  const lines: string[] = [];
  if (big) lines.push(verdictLine("admin refresh p95 < 100 ms at 10,000 (10 tabs)", big.tabs.refresh.p95 < 100, formatMs(big.tabs.refresh.p95)));
  if (small) lines.push(verdictLine("admin refresh p95 ≤ 87 ms at 1,000 (a fifth of wg-easy's 437 ms)", small.tabs.refresh.p95 <= 87, formatMs(small.tabs.refresh.p95)));
  for (const r of [small, big]) if (r) lines.push(verdictLine(`web CPU < 25 % of a core under 10 tabs at ${r.devices.toLocaleString("en")}`, r.tabs.cpu < 25, `${r.tabs.cpu.toFixed(0)} %`));
  if (big) {
    const users = big.crowd.users;
    const admins = big.crowd.admins;
    const all = { p95: Math.max(users.p95, admins.p95), max: Math.max(users.max, admins.max) };
    lines.push(verdictLine("50 users + 5 admins: p95 < 100 ms and worst < 300 ms at 10,000", all.p95 < 100 && all.max < 300, `users ${formatMs(users.p95)} / ${formatMs(users.max)}, admins ${formatMs(admins.p95)} / ${formatMs(admins.max)}`));
    for (const page of big.pages) {
      lines.push(verdictLine(`${page.name} page: HTML < 150 kB and p95 < 300 ms at 10,000`, page.htmlBytes < 150_000 && page.latency.p95 < 300, `${formatBytes(page.htmlBytes)}, ${formatMs(page.latency.p95)}`));
    }
    lines.push(verdictLine("adding a device < 100 ms on the server at 10,000 (the UI's server action)", big.add.action.p50 < 100, `median ${formatMs(big.add.action.p50)}; API ${formatMs(big.add.api.p50)}`));
    const moved = big.add.actionBytes + (REQUESTS.addDevice.refreshAfter ? big.add.refreshAfterBytes : 0);
    lines.push(verdictLine("the page updates without refetching every device (action + refresh answers < 150 kB at 10,000)", moved < 150_000, formatBytes(moved)));
    lines.push(
      big.deviceSearch
        ? verdictLine("device search < 100 ms at 10,000", big.deviceSearch.latency.p95 < 100, `p95 ${formatMs(big.deviceSearch.latency.p95)}`)
        : "device search < 100 ms at 10,000: n/a (no search)",
    );
  }
  if (lines.length === 0) return;
  console.log("\nGoals of issue 13:");
  for (const line of lines) console.log(`- ${line}`);
}

// --- main -----------------------------------------------------------------------------------------

/** A server an interrupted run left behind: ours only if its command line is our `next start`. */
function removeLeftovers() {
  if (!existsSync(SERVER_PID_FILE)) return;
  const pid = Number(readFileSync(SERVER_PID_FILE, "utf8"));
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    // `next start` renames itself "next-server (v…)".
    if (commandLine.includes("next") && cwd === ROOT) process.kill(pid, "SIGKILL");
  } catch {
    // Gone already.
  }
  rmSync(SERVER_PID_FILE, { force: true });
}

async function main() {
  const { values } = parseArgs({ options: { devices: { type: "string", default: "1000,10000" }, duration: { type: "string", default: "30" }, rebuild: { type: "boolean", default: false } } });
  const counts = values.devices.split(",").map(Number);
  if (counts.some((count) => !Number.isInteger(count) || count < DEVICES_PER_USER * USERS_SIGNED_IN || count > 50_000)) {
    throw new Error(`--devices takes counts from ${DEVICES_PER_USER * USERS_SIGNED_IN} (${USERS_SIGNED_IN} users with devices) to 50000, comma separated`);
  }
  const durationSeconds = Number(values.duration);
  if (!Number.isInteger(durationSeconds) || durationSeconds < 5 || durationSeconds > 3600) throw new Error("--duration takes whole seconds from 5 to 3600");
  const baseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";

  let isInterrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isInterrupted) return;
    isInterrupted = true;
    log(`${signal}: cleaning up...`);
    if (currentServer) {
      currentServer.child.kill("SIGKILL");
      rmSync(currentServer.logPath, { force: true });
    }
    rmSync(SERVER_PID_FILE, { force: true });
    runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
      .catch((error: unknown) => log(`could not drop ${DATABASE}: ${String(error)}`))
      .finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  removeLeftovers();
  await runAsAdmin(baseUrl, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  ensureBuild(values.rebuild);
  const results: RunResult[] = [];
  for (const count of counts) results.push(await benchmarkOnce(baseUrl, count, durationSeconds * 1000));

  const cpu = cpus();
  console.log(`\nWireGUI web app (next start, ${DIST_DIR}), ${cpu.length} CPUs (${cpu[0]?.model.trim()}), Node ${process.version}; client and server on this machine.`);
  console.log(`p50 / p95 / max of: a refresh (all of the page's queries together), a page load, an add. Sizes decoded (on the wire gzip).`);
  for (const result of results) printRun(result, durationSeconds * 1000);
  printVerdicts(results);
}

await main().catch((error: unknown) => {
  console.error(`bench-web: error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
