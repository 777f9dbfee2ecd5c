// The pure parts of the benchmarks: percentiles, a process's CPU time from /proc/<pid>/stat, and
// the numbers as the tables print them.

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError("a percentile is from 0 to 100");
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : Number.NaN };
}

/**
 * User plus system CPU time, in clock ticks, from the text of /proc/<pid>/stat. The command name
 * (field 2) is in parentheses and may hold spaces and parentheses itself, so fields are counted from
 * the last ")": utime and stime are fields 14 and 15.
 */
export function cpuTicksFromStat(stat: string): number {
  const end = stat.lastIndexOf(")");
  if (end < 0) throw new Error("not a /proc/<pid>/stat line: no command name in parentheses");
  // After ")" come field 3 (state) onwards.
  const fields = stat.slice(end + 1).trim().split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error("not a /proc/<pid>/stat line: utime and stime are not numbers");
  return utime + stime;
}

/** CPU used between two readings, as a percentage of one core (200 % = two cores busy). */
export function cpuPercent(ticksBefore: number, ticksAfter: number, elapsedMs: number, ticksPerSecond: number): number {
  if (elapsedMs <= 0) throw new RangeError("elapsed time must be positive");
  return ((ticksAfter - ticksBefore) / ticksPerSecond / (elapsedMs / 1000)) * 100;
}

/**
 * Inodes of the sockets listening on `port` in the text of /proc/net/tcp or tcp6: each line has
 * local_address as HEXIP:HEXPORT (field 2), the state (field 4, 0A is LISTEN) and the inode (field 10).
 */
export function listeningSocketInodes(table: string, port: number): string[] {
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return table
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(portHex) && fields[3] === "0A" && fields[9])
    .map((fields) => fields[9]!);
}

export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return "–";
  return `${Math.round(ms).toLocaleString("en")} ms`;
}

/** Decimal units (1 kB = 1,000 bytes), as the figures are. */
export function formatBytes(bytes: number): string {
  if (Number.isNaN(bytes)) return "–";
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1)} MB`;
}

/** "admin refresh p95 < 100 ms at 10,000: FAIL (1,036 ms)" */
export function verdictLine(goal: string, isMet: boolean, measured: string): string {
  return `${goal}: ${isMet ? "PASS" : "FAIL"} (${measured})`;
}
