// Whether VictoriaMetrics answers its own /health. Only the configured address is contacted (no
// public default), within a short timeout so a diagnostics page never hangs on it.
import { errorMessage } from "../log";

export const VICTORIA_HEALTH_TIMEOUT_MS = 2_000;

export type VictoriaMetricsCheck =
  | { state: "not_configured" }
  | { state: "reachable"; url: string; latencyMs: number }
  | { state: "unreachable"; url: string; latencyMs: number; reason: string };

export async function checkVictoriaMetrics(baseUrl: string | undefined, timeoutMs = VICTORIA_HEALTH_TIMEOUT_MS): Promise<VictoriaMetricsCheck> {
  if (!baseUrl) return { state: "not_configured" };
  const url = `${baseUrl}/health`;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    if (response.ok) return { state: "reachable", url: baseUrl, latencyMs: elapsed() };
    return { state: "unreachable", url: baseUrl, latencyMs: elapsed(), reason: `GET /health answered HTTP ${response.status}` };
  } catch (error) {
    return { state: "unreachable", url: baseUrl, latencyMs: elapsed(), reason: failureReason(error, timeoutMs) };
  }
}

/** fetch says only "fetch failed": the useful part (ECONNREFUSED, a DNS error) is in its cause. */
function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  return errorMessage(cause ?? error);
}
