// The collector sidecar: runs in the WireGuard network namespace, keeps the interface's peers
// equal to PostgreSQL's devices and, with WG_METRICS_ENABLED, polls the interface's stats into
// PostgreSQL and VictoriaMetrics. `npm run collector`; settings are the web app's (lib/env.ts), but
// with WIREGUI_ENCRYPTION_KEY instead of AUTH_SECRET: it reads secrets, it never signs sessions.
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb } from "../lib/db/client";
import { EnvError, parseCollectorEnv, type CollectorEnv } from "../lib/env";
import { createLogger, errorMessage } from "../lib/log";
import { STATS_STATEMENT_TIMEOUT_MS } from "../lib/metrics/background";
import { createMetricsPusher } from "../lib/metrics/metrics-pusher";
import { createStatsCycle } from "../lib/metrics/stats-cycle";
import { createStatsLoop, type StatsLoop } from "../lib/metrics/stats-loop";
import { createUnixSocketFetch } from "../lib/net/unix-socket-fetch";
import { createCommandRunner } from "../lib/run-command";
import { createCollector } from "./collector";

// Stopping waits this long for a running pass or cycle, then this long to push what is buffered,
// so the process always exits within a few seconds.
const STOP_GRACE_MS = 3_000;
const FLUSH_GRACE_MS = 1_500;
const DISCONNECT_TIMEOUT_MS = 1_000;
// VictoriaMetrics outages up to this long leave no gap in the charts.
const PUSH_BUFFER_SECONDS = 30 * 60;

const log = createLogger("collector");

function loadEnv(): CollectorEnv {
  try {
    const env = parseCollectorEnv(process.env);
    if (process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET) {
      log.warn("AUTH_SECRET is set in the collector's environment: it is not used here, and with it this process could sign sessions; remove it");
    }
    return env;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    log.error(`cannot start. ${error.message}`);
    process.exit(1);
  }
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL, { statementTimeoutMs: STATS_STATEMENT_TIMEOUT_MS });
const run = createCommandRunner({ netns: env.WG_NETNS });
const collector = createCollector({
  db,
  databaseUrl: env.DATABASE_URL,
  secretBox: new SecretBox({ key: env.encryptionKey }),
  run,
  log,
  interfaceName: env.WG_INTERFACE,
  shouldManageInterface: env.WG_MANAGE_INTERFACE,
  nat: { ipv4Masquerade: env.WG_IPV4_MASQUERADE, ipv6Masquerade: env.WG_IPV6_MASQUERADE, egressInterface: env.WG_EGRESS_INTERFACE ?? null },
  reconcileIntervalMs: env.WG_RECONCILE_INTERVAL * 1000,
});

const pusher = env.WG_METRICS_ENABLED && env.WG_VICTORIAMETRICS_URL
  ? createMetricsPusher({
      url: env.WG_VICTORIAMETRICS_URL,
      log,
      bufferSeconds: PUSH_BUFFER_SECONDS,
      pollIntervalSeconds: env.WG_METRICS_POLL_INTERVAL,
      fetch: env.WG_VICTORIAMETRICS_SOCKET ? createUnixSocketFetch(env.WG_VICTORIAMETRICS_SOCKET) : undefined,
    })
  : undefined;
const stats: StatsLoop | null = env.WG_METRICS_ENABLED
  ? createStatsLoop({
      intervalMs: env.WG_METRICS_POLL_INTERVAL * 1000,
      runCycle: createStatsCycle({ db, run, interfaceName: env.WG_INTERFACE, log, source: "collector", pollIntervalSeconds: env.WG_METRICS_POLL_INTERVAL, pusher }),
      log,
    })
  : null;

let isStopping = false;
async function shutdown(reason: string) {
  if (isStopping) return;
  isStopping = true;
  log.info(`${reason}: stopping`);
  const [isReconcileDone, isCycleDone] = await Promise.all([collector.stop(STOP_GRACE_MS), stats?.stop(STOP_GRACE_MS) ?? true]);
  if (!isReconcileDone) log.warn(`a pass was still running after ${STOP_GRACE_MS} ms; exiting anyway (the next start repairs any drift)`);
  if (!isCycleDone) log.warn(`a stats cycle was still running after ${STOP_GRACE_MS} ms; abandoned`);
  if (pusher && !(await pusher.flush(Date.now() + FLUSH_GRACE_MS))) {
    log.warn(`${pusher.status().buffered} batch(es) of samples could not be pushed to VictoriaMetrics before exiting`);
  }
  await Promise.race([db.$disconnect().catch((error: unknown) => log.warn(`closing the database: ${errorMessage(error)}`)), sleep(DISCONNECT_TIMEOUT_MS)]);
  log.info("stopped");
  process.exit(0);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

process.on("SIGTERM", (signal) => void shutdown(`${signal} received`));
process.on("SIGINT", (signal) => void shutdown(`${signal} received`));
// Spawned by the web app (WG_COLLECTOR_MODE=subprocess): the IPC channel closes when the web app
// exits for any reason, even SIGKILL, so the collector never outlives it.
if (process.send) process.on("disconnect", () => void shutdown("the web app that started it has exited"));

log.info(
  `starting: interface ${env.WG_INTERFACE}${env.WG_NETNS ? ` in network namespace ${env.WG_NETNS}` : ""} ` +
    `(${env.WG_MANAGE_INTERFACE ? "brought up and kept configured by the collector" : "managed elsewhere: peers only"}), ` +
    `full pass every ${env.WG_RECONCILE_INTERVAL} s, instant passes on NOTIFY; ` +
    (env.WG_METRICS_ENABLED
      ? `stats every ${env.WG_METRICS_POLL_INTERVAL} s to PostgreSQL${env.WG_VICTORIAMETRICS_URL ? ` and ${env.WG_VICTORIAMETRICS_URL}${env.WG_VICTORIAMETRICS_SOCKET ? ` via ${env.WG_VICTORIAMETRICS_SOCKET}` : ""}` : " (no WG_VICTORIAMETRICS_URL: no charts)"}`
      : "stats off (WG_METRICS_ENABLED=false: the web app polls every 60 s)"),
);
collector.start();
stats?.start();
