// Traffic charts: the PromQL and steps WireGUI asks VictoriaMetrics for, and how its answers become
// chart points. Aggregation happens in VictoriaMetrics (rate, sum); the browser gets at most about
// 180 points per chart whatever the number of devices or samples.
import { z } from "zod";
import { escapeLabelValue } from "./exposition";

export const TRAFFIC_RANGES = {
  "15m": { seconds: 15 * 60, label: "15 min" },
  "1h": { seconds: 3600, label: "1 hour" },
  "24h": { seconds: 86_400, label: "24 hours" },
  "7d": { seconds: 7 * 86_400, label: "7 days" },
} as const;

export type TrafficRange = keyof typeof TRAFFIC_RANGES;

export const trafficRangeSchema = z.enum(Object.keys(TRAFFIC_RANGES) as [TrafficRange, ...TrafficRange[]], {
  message: `must be one of ${Object.keys(TRAFFIC_RANGES).join(", ")}`,
});

const MAX_POINTS = 180;

export interface TrafficWindow {
  startSeconds: number;
  endSeconds: number;
  stepSeconds: number;
  /** The rate() look-behind: a step, but never fewer than three polls. */
  rateWindowSeconds: number;
}

export function trafficWindow(range: TrafficRange, pollIntervalSeconds: number, nowMs = Date.now()): TrafficWindow {
  const span = TRAFFIC_RANGES[range].seconds;
  const stepSeconds = Math.max(pollIntervalSeconds, Math.ceil(span / MAX_POINTS));
  // Start and end on multiples of the step, as VictoriaMetrics aligns its answer: its timestamps
  // then match ours whatever the poll interval, and the points do not wobble between refreshes.
  const endSeconds = Math.floor(nowMs / 1000 / stepSeconds) * stepSeconds;
  const startSeconds = endSeconds - Math.ceil(span / stepSeconds) * stepSeconds;
  return { startSeconds, endSeconds, stepSeconds, rateWindowSeconds: Math.max(stepSeconds, 3 * pollIntervalSeconds) };
}

/** Bytes per second received and sent, summed over the matching series (a renamed device keeps one line). */
export function trafficQueries(window: TrafficWindow, publicKey?: string): { rx: string; tx: string } {
  const selector = publicKey ? `{public_key="${escapeLabelValue(publicKey)}"}` : "";
  const query = (metric: string) => `sum(rate(${metric}${selector}[${window.rateWindowSeconds}s]))`;
  return { rx: query("wiregui_peer_rx_bytes"), tx: query("wiregui_peer_tx_bytes") };
}

export interface TrafficPoint {
  /** Milliseconds since the epoch. */
  t: number;
  rx: number | null;
  tx: number | null;
}

const queryRangeAnswer = z.object({
  status: z.literal("success"),
  data: z.object({ result: z.array(z.object({ values: z.array(z.tuple([z.number(), z.string()])) })) }),
});

/** The first series' values by timestamp (seconds); an empty result means no traffic recorded. */
export function parseQueryRange(body: unknown): Map<number, number> {
  const parsed = queryRangeAnswer.parse(body);
  const values = new Map<number, number>();
  for (const [at, value] of parsed.data.result[0]?.values ?? []) {
    const number = Number(value);
    if (Number.isFinite(number)) values.set(at, Math.max(0, number));
  }
  return values;
}

/**
 * One point per step over the window; null where VictoriaMetrics had no data (a gap, not zero) and
 * before notBeforeSeconds (a device's creation: a public key reused from a deleted device must not
 * show that device's history).
 */
export function mergeTraffic(window: TrafficWindow, rx: Map<number, number>, tx: Map<number, number>, notBeforeSeconds = 0): TrafficPoint[] {
  const points: TrafficPoint[] = [];
  for (let at = window.startSeconds; at <= window.endSeconds; at += window.stepSeconds) {
    const isVisible = at >= notBeforeSeconds;
    points.push({ t: at * 1000, rx: isVisible ? (rx.get(at) ?? null) : null, tx: isVisible ? (tx.get(at) ?? null) : null });
  }
  return points;
}
