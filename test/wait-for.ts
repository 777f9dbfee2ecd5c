/** Polls `condition` every `intervalMs` until it holds; resolves with the milliseconds it took. */
export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string, intervalMs = 10): Promise<number> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return Math.round(performance.now() - started);
}
