// Prometheus text exposition, as VictoriaMetrics' /api/v1/import/prometheus reads it: one line per
// sample with an explicit millisecond timestamp, so buffered samples land at the time they were taken.

export type Labels = Readonly<Record<string, string>>;

/** Label values escape backslash, double quote and newline; nothing else needs it. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** One sample line; the value may be a BigInt counter (printed exactly, never via Number). */
export function sampleLine(name: string, labels: string, value: number | bigint, timestampMs: number): string {
  return `${name}${labels} ${typeof value === "bigint" ? value.toString() : formatNumber(value)} ${Math.round(timestampMs)}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}

export function typeLine(name: string, type: "counter" | "gauge", help: string): string {
  return `# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${name} ${type}`;
}
