// What the web app runs in the background for stats, decided once at start-up (instrumentation.ts):
// - WG_METRICS_ENABLED=false: the 60 s in-process stats loop (PostgreSQL only), the fallback that
//   works on a single host where the web app can read the interface;
// - enabled with WG_COLLECTOR_MODE=subprocess: the collector as a child process, stopped with the
//   web app (the child also exits when its IPC channel closes, so even a killed web app leaves no
//   orphan);
// - enabled with a sidecar: nothing; the collector runs on its own.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createDb } from "../db/client";
import type { Env } from "../env";
import { createLogger, type Logger } from "../log";
import { createCommandRunner } from "../run-command";
import { createStatsCycle } from "./stats-cycle";
import { createStatsLoop } from "./stats-loop";

export const FALLBACK_POLL_SECONDS = 60;

export type StatsBackground = "in-process" | "subprocess" | "sidecar";

export function chooseStatsBackground(env: Pick<Env, "WG_METRICS_ENABLED" | "WG_COLLECTOR_MODE">): StatsBackground {
  if (!env.WG_METRICS_ENABLED) return "in-process";
  return env.WG_COLLECTOR_MODE === "subprocess" ? "subprocess" : "sidecar";
}

export function startInProcessStats(env: Env, log: Logger = createLogger("web-stats")) {
  const loop = createStatsLoop({
    intervalMs: FALLBACK_POLL_SECONDS * 1000,
    runCycle: createStatsCycle({
      db: createDb(env.DATABASE_URL),
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

/** Starts `node --import tsx collector/main.ts` from the app's folder with the same settings. */
export function startCollectorSubprocess(options: { cwd?: string; log?: Logger; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  const log = options.log ?? createLogger("web");
  const cwd = options.cwd ?? process.cwd();
  const child = spawn(process.execPath, ["--import", "tsx", join(cwd, "collector", "main.ts")], {
    cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  log.info(`started the collector as a subprocess (pid ${child.pid})`);
  child.on("exit", (code, signal) => log.warn(`the collector subprocess exited (${signal ?? `code ${code}`})`));
  // Next.js exits on SIGTERM/SIGINT; "exit" handlers run on every way out but SIGKILL, which the
  // collector notices by its IPC channel closing.
  process.once("exit", () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  return child;
}
