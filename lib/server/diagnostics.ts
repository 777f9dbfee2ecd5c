import "server-only";
import { canViewAuditLog, canViewDiagnostics } from "../auth/permissions";
import { listAuditEvents, type AuditEventRow } from "../db/audit";
import { getConfiguration } from "../db/configuration";
import { findLatestMigration, measureDatabase, type DatabaseCheck } from "../db/health";
import { getRulesStatus } from "../db/rules";
import { getCollectorStatus } from "../db/stats";
import { getEnv } from "../env";
import type { CollectorStatus } from "../generated/prisma/client";
import { areStatsFresh } from "../metrics/freshness";
import { describeMetricsPush, describeStatsLoop } from "../metrics/stats-health";
import { clientIsolationOf } from "../net/client-isolation";
import { describeClientIsolationHealth } from "../net/client-isolation-health";
import { describeNatHealth } from "../net/nat-health";
import { checkVictoriaMetrics, type VictoriaMetricsCheck } from "../metrics/victoria-health";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export interface DiagnosticCheck {
  name: string;
  status: "ok" | "warning" | "error";
  detail: string;
}

export interface WireguardStatus {
  interfaceName: string;
  listenPort: number | null;
  publicKey: string | null;
  /** Devices that should be peers (their owner is enabled), from PostgreSQL. */
  peersConfigured: number;
  /** From the stats loop's last cycle; null before its first. */
  peersOnInterface: number | null;
  peersOnline: number | null;
}

export interface CollectorHealth {
  metricsEnabled: boolean;
  status: CollectorStatus | null;
  /** No completed cycle within three poll intervals. */
  isStale: boolean;
}

export interface Diagnostics {
  /** When the checks ran (epoch ms): "x s ago" is relative to it. */
  checkedAt: number;
  checks: DiagnosticCheck[];
  database: DatabaseCheck & { latestMigration: string | null };
  victoriaMetrics: VictoriaMetricsCheck;
  /** Null when the database does not answer: everything below is read from it. */
  wireguard: WireguardStatus | null;
  collector: CollectorHealth | null;
  recentEvents: AuditEventRow[] | null;
}

const RECENT_EVENTS = 10;

/** Every check runs on loopback or the configured addresses only; nothing public is contacted. */
export async function runDiagnostics(actor: Principal, now = Date.now()): Promise<Diagnostics> {
  if (!canViewDiagnostics(actor)) throw new ForbiddenError();
  const db = getDb();
  const env = getEnv();
  const [database, victoriaMetrics] = await Promise.all([measureDatabase(db), checkVictoriaMetrics(env.WG_VICTORIAMETRICS_URL)]);
  const vmCheck = describeVictoriaMetrics(victoriaMetrics);
  if (!database.reachable) {
    return {
      checkedAt: now,
      checks: [{ name: "Database", status: "error", detail: `PostgreSQL is not reachable: ${database.reason}` }, vmCheck],
      database: { ...database, latestMigration: null },
      victoriaMetrics,
      wireguard: null,
      collector: null,
      recentEvents: null,
    };
  }
  const [latest, configuration, userCount, collector, peersConfigured, recent, rulesStatus] = await Promise.all([
    findLatestMigration(db),
    getConfiguration(db),
    db.user.count(),
    getCollectorStatus(db, env.WG_INTERFACE),
    db.device.count({ where: { user: { isDisabled: false } } }),
    canViewAuditLog(actor) ? listAuditEvents(db, { filter: {}, page: 1, pageSize: RECENT_EVENTS }) : null,
    getRulesStatus(db, env.WG_INTERFACE),
  ]);
  const wireguard: WireguardStatus = {
    interfaceName: env.WG_INTERFACE,
    listenPort: configuration?.listenPort ?? null,
    publicKey: configuration?.serverPublicKey ?? null,
    peersConfigured,
    peersOnInterface: collector?.lastCycleAt ? collector.peersOnInterface : null,
    peersOnline: collector?.lastCycleAt ? collector.peersConnected : null,
  };
  return {
    checkedAt: now,
    checks: [
      { name: "Database", status: "ok", detail: `PostgreSQL answers queries. Round trip ${database.latencyMs} ms.` },
      latest?.finishedAt
        ? { name: "Schema migrations", status: "ok", detail: `Latest applied: ${latest.name}` }
        : { name: "Schema migrations", status: "error", detail: "No finished migration found. Run `npm run setup`." },
      configuration?.serverPublicKey
        ? { name: "Server keypair", status: "ok", detail: `Public key ${configuration.serverPublicKey}` }
        : { name: "Server keypair", status: "error", detail: "Not generated yet. Run `npm run setup`." },
      { name: "Users", status: userCount > 0 ? "ok" : "warning", detail: `${userCount} user${userCount === 1 ? "" : "s"}` },
      describeStatsLoop(collector, { metricsEnabled: env.WG_METRICS_ENABLED, interfaceName: env.WG_INTERFACE }, now),
      ...(configuration ? [describeClientIsolationHealth(rulesStatus, clientIsolationOf(configuration), now)] : []),
      describeNatHealth(rulesStatus, { interfaceName: env.WG_INTERFACE, ipv4Masquerade: env.WG_IPV4_MASQUERADE, ipv6Masquerade: env.WG_IPV6_MASQUERADE, egressInterface: env.WG_EGRESS_INTERFACE }, now),
      env.WG_METRICS_ENABLED ? describeMetricsPush(collector, env.WG_VICTORIAMETRICS_URL, victoriaMetrics.state === "reachable", now) : vmCheck,
    ],
    database: { ...database, latestMigration: latest?.finishedAt ? latest.name : null },
    victoriaMetrics,
    wireguard,
    collector: { metricsEnabled: env.WG_METRICS_ENABLED, status: collector, isStale: !areStatsFresh(collector, now) },
    recentEvents: recent?.rows ?? null,
  };
}

function describeVictoriaMetrics(check: VictoriaMetricsCheck): DiagnosticCheck {
  if (check.state === "not_configured") return { name: "VictoriaMetrics", status: "warning", detail: "Not configured (no WG_VICTORIAMETRICS_URL): no traffic charts." };
  if (check.state === "unreachable") return { name: "VictoriaMetrics", status: "error", detail: `${check.url} does not answer: ${check.reason}.` };
  return { name: "VictoriaMetrics", status: "ok", detail: `${check.url} answers (${check.latencyMs} ms).` };
}
