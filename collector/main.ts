// The collector sidecar: runs in the WireGuard network namespace and keeps the interface's peers
// equal to PostgreSQL's devices. `npm run collector`; settings are the web app's (lib/env.ts).
import { SecretBox } from "../lib/crypto/secret-box";
import { createDb } from "../lib/db/client";
import { EnvError, getEnv, type Env } from "../lib/env";
import { createCollector } from "./collector";
import { createLogger, errorMessage } from "./log";
import { createCommandRunner } from "./run-command";

// Stopping waits this long for a running pass, so the process always exits within a few seconds.
const STOP_GRACE_MS = 3_000;
const DISCONNECT_TIMEOUT_MS = 1_000;

const log = createLogger("collector");

function loadEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    log.error(`cannot start. ${error.message}`);
    process.exit(1);
  }
}

const env = loadEnv();
const db = createDb(env.DATABASE_URL);
const collector = createCollector({
  db,
  databaseUrl: env.DATABASE_URL,
  secretBox: new SecretBox(env.AUTH_SECRET),
  run: createCommandRunner(),
  log,
  interfaceName: env.WG_INTERFACE,
  shouldManageInterface: env.WG_MANAGE_INTERFACE,
  reconcileIntervalMs: env.WG_RECONCILE_INTERVAL * 1000,
});

let isStopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (isStopping) return;
  isStopping = true;
  log.info(`${signal} received: stopping`);
  if (!(await collector.stop(STOP_GRACE_MS))) log.warn(`a pass was still running after ${STOP_GRACE_MS} ms; exiting anyway (the next start repairs any drift)`);
  await Promise.race([db.$disconnect().catch((error: unknown) => log.warn(`closing the database: ${errorMessage(error)}`)), sleep(DISCONNECT_TIMEOUT_MS)]);
  log.info("stopped");
  process.exit(0);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));

log.info(
  `starting: interface ${env.WG_INTERFACE} (${env.WG_MANAGE_INTERFACE ? "brought up and kept configured by the collector" : "managed elsewhere: peers only"}), ` +
    `full pass every ${env.WG_RECONCILE_INTERVAL} s, instant passes on NOTIFY`,
);
collector.start();
