// Diagnostics lines for the stats loop and VictoriaMetrics, from the loop's own status row.
import type { CollectorStatus } from "../generated/prisma/client";
import { areStatsFresh } from "./freshness";

export interface HealthLine {
  name: string;
  status: "ok" | "warning" | "error";
  detail: string;
}

export function ago(date: Date, now: number): string {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

export function describeStatsLoop(
  status: CollectorStatus | null,
  settings: { metricsEnabled: boolean; interfaceName: string },
  now = Date.now(),
): HealthLine {
  const who = settings.metricsEnabled ? "the collector" : "the web app (WG_METRICS_ENABLED=false)";
  if (!status?.lastCycleAt) {
    const error = status?.lastError ? ` Last error: ${status.lastError}` : "";
    return { name: "Stats", status: "error", detail: `No stats cycle of ${settings.interfaceName} has completed yet; expected from ${who}.${error}` };
  }
  const cycle = `Last cycle of ${settings.interfaceName} by the ${status.source} ${ago(status.lastCycleAt, now)}, took ${status.lastCycleDurationMs} ms (every ${status.pollIntervalSeconds} s): ${status.peersOnInterface} peers, ${status.peersConnected} connected.`;
  if (!areStatsFresh(status, now)) return { name: "Stats", status: "error", detail: `Stale. ${cycle}${status.lastError ? ` Last error: ${status.lastError}` : ""}` };
  const failedSince = status.lastErrorAt && status.lastErrorAt > status.lastCycleAt;
  return failedSince
    ? { name: "Stats", status: "warning", detail: `${cycle} Then failed: ${status.lastError}` }
    : { name: "Stats", status: "ok", detail: cycle };
}

export function describeMetricsPush(status: CollectorStatus | null, url: string | undefined, isReachable: boolean, now = Date.now()): HealthLine {
  if (!url) return { name: "VictoriaMetrics", status: "warning", detail: "Not in use (WG_METRICS_ENABLED=false or no WG_VICTORIAMETRICS_URL): no traffic charts." };
  const push = status?.lastPushAt ? `last push ${ago(status.lastPushAt, now)}` : "no push yet";
  const buffered = status?.bufferedPushes ? `, ${status.bufferedPushes} batch(es) waiting` : "";
  if (!isReachable) return { name: "VictoriaMetrics", status: "error", detail: `${url} does not answer; ${push}${buffered}.` };
  if (status?.lastPushError) return { name: "VictoriaMetrics", status: "warning", detail: `${url} answers, but the collector's last push failed: ${status.lastPushError}${buffered}.` };
  return { name: "VictoriaMetrics", status: "ok", detail: `${url} answers; ${push}${buffered}.` };
}
