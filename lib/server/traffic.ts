import "server-only";
// Traffic for charts and the admin overview. Charts query VictoriaMetrics' query_range through
// the server (the browser never talks to VictoriaMetrics); "now" figures come from PostgreSQL.
import { canManageAllDevices } from "../auth/permissions";
import { getCollectorStatus } from "../db/stats";
import { getEnv } from "../env";
import { areStatsFresh } from "../metrics/freshness";
import { CONNECTED_WITHIN_SECONDS } from "../metrics/peer-stats";
import { mergeTraffic, parseQueryRange, trafficQueries, trafficWindow, type TrafficPoint, type TrafficRange } from "../metrics/traffic-query";
import { getDb } from "./db";
import { loadVisibleDevice } from "./devices";
import { AppError, ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export type TrafficAnswer =
  | { available: true; range: TrafficRange; stepSeconds: number; points: TrafficPoint[] }
  | { available: false; reason: string };

const QUERY_TIMEOUT_MS = 10_000;

function metricsUrl(): string | null {
  const env = getEnv();
  return env.WG_METRICS_ENABLED && env.WG_VICTORIAMETRICS_URL ? env.WG_VICTORIAMETRICS_URL : null;
}

async function queryRange(baseUrl: string, query: string, window: ReturnType<typeof trafficWindow>) {
  const params = new URLSearchParams({ query, start: String(window.startSeconds), end: String(window.endSeconds), step: `${window.stepSeconds}s` });
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1/query_range?${params}`, { signal: AbortSignal.timeout(QUERY_TIMEOUT_MS), cache: "no-store" });
  } catch (error) {
    console.error(`[traffic] VictoriaMetrics at ${baseUrl} did not answer: ${error instanceof Error ? error.message : String(error)}`);
    throw new AppError("The metrics store (VictoriaMetrics) did not answer. Charts are unavailable until it is back.", 502);
  }
  if (!response.ok) {
    console.error(`[traffic] VictoriaMetrics answered HTTP ${response.status} to ${query}: ${(await response.text()).slice(0, 300)}`);
    throw new AppError(`The metrics store (VictoriaMetrics) answered HTTP ${response.status}.`, 502);
  }
  return parseQueryRange(await response.json());
}

async function traffic(range: TrafficRange, device?: { publicKey: string; createdAt: Date }): Promise<TrafficAnswer> {
  const baseUrl = metricsUrl();
  if (!baseUrl) return { available: false, reason: "Charts need VictoriaMetrics: set WG_METRICS_ENABLED=true and WG_VICTORIAMETRICS_URL." };
  const window = trafficWindow(range, getEnv().WG_METRICS_POLL_INTERVAL);
  const queries = trafficQueries(window, device?.publicKey);
  const [rx, tx] = await Promise.all([queryRange(baseUrl, queries.rx, window), queryRange(baseUrl, queries.tx, window)]);
  const notBefore = device ? Math.floor(device.createdAt.getTime() / 1000) : 0;
  return { available: true, range, stepSeconds: window.stepSeconds, points: mergeTraffic(window, rx, tx, notBefore) };
}

export async function getDeviceTraffic(actor: Principal, deviceId: string, range: TrafficRange): Promise<TrafficAnswer> {
  return traffic(range, await loadVisibleDevice(actor, deviceId));
}

export async function getTotalTraffic(actor: Principal, range: TrafficRange): Promise<TrafficAnswer> {
  if (!canManageAllDevices(actor)) throw new ForbiddenError();
  return traffic(range);
}

export interface TrafficOverview {
  devices: number;
  peersOnline: number;
  /** Sums of the devices' current rates; null while the stats loop is not running. */
  rxBytesPerSecond: number | null;
  txBytesPerSecond: number | null;
  statsCollectedAt: Date | null;
  statsSource: string | null;
}

/** Admin overview: who is online and how much flows now, from PostgreSQL (works without VictoriaMetrics). */
export async function getTrafficOverview(actor: Principal): Promise<TrafficOverview> {
  if (!canManageAllDevices(actor)) throw new ForbiddenError();
  const db = getDb();
  const onlineSince = new Date(Date.now() - CONNECTED_WITHIN_SECONDS * 1000);
  const [devices, peersOnline, sums, status] = await Promise.all([
    db.device.count(),
    db.device.count({ where: { latestHandshakeAt: { gt: onlineSince } } }),
    db.device.aggregate({ _sum: { rxBytesPerSecond: true, txBytesPerSecond: true } }),
    getCollectorStatus(db, getEnv().WG_INTERFACE),
  ]);
  const isFresh = areStatsFresh(status);
  return {
    devices,
    peersOnline,
    rxBytesPerSecond: isFresh ? (sums._sum.rxBytesPerSecond ?? 0) : null,
    txBytesPerSecond: isFresh ? (sums._sum.txBytesPerSecond ?? 0) : null,
    statsCollectedAt: status?.lastCycleAt ?? null,
    statsSource: status?.source ?? null,
  };
}
