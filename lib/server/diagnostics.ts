import "server-only";
import { canViewDiagnostics } from "../auth/permissions";
import { getConfiguration } from "../db/configuration";
import { findLatestMigration, isDatabaseReachable } from "../db/health";
import { getCollectorStatus } from "../db/stats";
import { getEnv } from "../env";
import { describeMetricsPush, describeStatsLoop } from "../metrics/stats-health";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export interface DiagnosticCheck {
  name: string;
  status: "ok" | "warning" | "error";
  detail: string;
}

export async function runDiagnostics(actor: Principal): Promise<DiagnosticCheck[]> {
  if (!canViewDiagnostics(actor)) throw new ForbiddenError();
  const db = getDb();
  const env = getEnv();
  if (!(await isDatabaseReachable(db))) {
    return [{ name: "Database", status: "error", detail: "PostgreSQL is not reachable." }];
  }
  const [latest, configuration, userCount, collector, isVictoriaMetricsUp] = await Promise.all([
    findLatestMigration(db),
    getConfiguration(db),
    db.user.count(),
    getCollectorStatus(db, env.WG_INTERFACE),
    env.WG_VICTORIAMETRICS_URL ? isHealthy(env.WG_VICTORIAMETRICS_URL) : Promise.resolve(false),
  ]);
  return [
    { name: "Database", status: "ok", detail: "PostgreSQL answers queries." },
    latest?.finishedAt
      ? { name: "Schema migrations", status: "ok", detail: `Latest applied: ${latest.name}` }
      : { name: "Schema migrations", status: "error", detail: "No finished migration found. Run `npm run setup`." },
    configuration?.serverPublicKey
      ? { name: "Server keypair", status: "ok", detail: `Public key ${configuration.serverPublicKey}` }
      : { name: "Server keypair", status: "error", detail: "Not generated yet. Run `npm run setup`." },
    { name: "Users", status: userCount > 0 ? "ok" : "warning", detail: `${userCount} user${userCount === 1 ? "" : "s"}` },
    describeStatsLoop(collector, { metricsEnabled: env.WG_METRICS_ENABLED, interfaceName: env.WG_INTERFACE }),
    describeMetricsPush(collector, env.WG_METRICS_ENABLED ? env.WG_VICTORIAMETRICS_URL : undefined, isVictoriaMetricsUp),
  ];
}

/** VictoriaMetrics' own /health, within 2 s (the configured address only: nothing public). */
async function isHealthy(baseUrl: string): Promise<boolean> {
  return fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000), cache: "no-store" }).then((response) => response.ok, () => false);
}
