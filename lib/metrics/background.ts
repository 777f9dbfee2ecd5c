// What the web app runs in the background for stats, decided once at start-up (instrumentation.ts):
// - WG_METRICS_ENABLED=false: the 60 s in-process stats loop (PostgreSQL only), the fallback that
//   works on a single host where the web app can read the interface;
// - enabled with WG_COLLECTOR_MODE=subprocess: the collector as a child process, stopped with the
//   web app (the child also exits when its IPC channel closes, so even a killed web app leaves no
//   orphan);
// - enabled with a sidecar: nothing; the collector runs on its own.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { deriveEncryptionKey, encodeEncryptionKey } from "../crypto/keys";
import { createDb } from "../db/client";
import type { Env } from "../env";
import { createLogger, type Logger } from "../log";
import { createCommandRunner } from "../run-command";
import { createStatsCycle } from "./stats-cycle";
import { createStatsLoop } from "./stats-loop";

export const FALLBACK_POLL_SECONDS = 60;
/** A stats query that hangs longer fails the cycle (logged) instead of stalling every later one. */
export const STATS_STATEMENT_TIMEOUT_MS = 30_000;

export type StatsBackground = "in-process" | "subprocess" | "sidecar";

export function chooseStatsBackground(env: Pick<Env, "WG_METRICS_ENABLED" | "WG_COLLECTOR_MODE">): StatsBackground {
  if (!env.WG_METRICS_ENABLED) return "in-process";
  return env.WG_COLLECTOR_MODE === "subprocess" ? "subprocess" : "sidecar";
}

export function startInProcessStats(env: Env, log: Logger = createLogger("web-stats")) {
  const loop = createStatsLoop({
    intervalMs: FALLBACK_POLL_SECONDS * 1000,
    runCycle: createStatsCycle({
      db: createDb(env.DATABASE_URL, { statementTimeoutMs: STATS_STATEMENT_TIMEOUT_MS }),
      run: createCommandRunner({ netns: env.WG_NETNS }),
      interfaceName: env.WG_INTERFACE,
      log,
      source: "web",
      pollIntervalSeconds: FALLBACK_POLL_SECONDS,
    }),
    log,
  });
  loop.start();
  log.info(`WG_METRICS_ENABLED is false: reading ${env.WG_INTERFACE}'s stats every ${FALLBACK_POLL_SECONDS} s in the web process`);
  return loop;
}

const RESTART_DELAYS_MS = [2_000, 5_000, 15_000, 60_000];
// A collector that ran this long before exiting starts the back-off over.
const STABLE_RUN_MS = 60_000;

/** The web app's environment with the encryption key in place of AUTH_SECRET: all the collector gets. */
export function collectorEnvironment<E extends Record<string, string | undefined>>(source: E): E {
  const authSecret = source.AUTH_SECRET || source.NEXTAUTH_SECRET;
  const env: Record<string, string | undefined> = { ...source };
  delete env.AUTH_SECRET;
  delete env.NEXTAUTH_SECRET;
  if (authSecret) env.WIREGUI_ENCRYPTION_KEY = encodeEncryptionKey(deriveEncryptionKey(authSecret));
  return env as E;
}

/**
 * Starts `node --import tsx collector/main.ts` from the app's folder with the same settings, and
 * starts it again (2 s, 5 s, 15 s, then every minute) if it exits while the web app runs, as a
 * sidecar's restart policy would. Returns the first child.
 */
export function startCollectorSubprocess(options: { cwd?: string; log?: Logger; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const log = options.log ?? createLogger("web");
  const cwd = options.cwd ?? process.cwd();
  let current: ChildProcess;
  let failures = 0;
  let isExiting = false;

  function start(): ChildProcess {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", join(cwd, "collector", "main.ts")], {
      cwd,
      env: collectorEnvironment(options.env ?? process.env),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    log.info(`started the collector as a subprocess (pid ${child.pid})`);
    child.on("exit", (code, signal) => {
      if (isExiting) return;
      failures = Date.now() - startedAt >= STABLE_RUN_MS ? 0 : failures + 1;
      const delayMs = RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length) - 1] ?? RESTART_DELAYS_MS[0]!;
      log.warn(`the collector subprocess exited (${signal ?? `code ${code}`}); starting it again in ${delayMs / 1000} s`);
      setTimeout(() => {
        if (!isExiting) current = start();
      }, delayMs).unref();
    });
    return child;
  }

  current = start();
  const first = current;
  // Next.js exits on SIGTERM/SIGINT; "exit" handlers run on every way out but SIGKILL, which the
  // collector notices by its IPC channel closing.
  process.once("exit", () => {
    isExiting = true;
    if (current.exitCode === null) current.kill("SIGTERM");
  });
  return first;
}
