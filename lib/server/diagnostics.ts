import "server-only";
import { canViewDiagnostics } from "../auth/permissions";
import { getConfiguration } from "../db/configuration";
import { findLatestMigration, isDatabaseReachable } from "../db/health";
import { getEnv } from "../env";
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
  const [latest, configuration, userCount] = await Promise.all([findLatestMigration(db), getConfiguration(db), db.user.count()]);
  return [
    { name: "Database", status: "ok", detail: "PostgreSQL answers queries." },
    latest?.finishedAt
      ? { name: "Schema migrations", status: "ok", detail: `Latest applied: ${latest.name}` }
      : { name: "Schema migrations", status: "error", detail: "No finished migration found. Run `npm run setup`." },
    configuration?.serverPublicKey
      ? { name: "Server keypair", status: "ok", detail: `Public key ${configuration.serverPublicKey}` }
      : { name: "Server keypair", status: "error", detail: "Not generated yet. Run `npm run setup`." },
    { name: "Users", status: userCount > 0 ? "ok" : "warning", detail: `${userCount} user${userCount === 1 ? "" : "s"}` },
    {
      name: "Metrics",
      status: "ok",
      detail: env.WG_METRICS_ENABLED
        ? `Collector polls every ${env.WG_METRICS_POLL_INTERVAL} s${env.WG_VICTORIAMETRICS_URL ? `, VictoriaMetrics at ${env.WG_VICTORIAMETRICS_URL}` : ", no VictoriaMetrics"}`
        : "Collector disabled (WG_METRICS_ENABLED=false)",
    },
  ];
}
