// The VictoriaMetrics reachability check against the real binary (Debian's victoria-metrics; the
// test fails, not skips, without it), a closed loopback port and a server that never answers.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingVictoriaMetrics, startVictoriaMetrics, type TestVictoriaMetrics } from "../../test/victoria-metrics";
import { checkVictoriaMetrics, VICTORIA_HEALTH_TIMEOUT_MS } from "./victoria-health";

let vm: TestVictoriaMetrics;

beforeAll(async () => {
  expect(missingVictoriaMetrics()).toBeNull();
  vm = await startVictoriaMetrics();
});
afterAll(() => vm?.remove());

/** A loopback port nothing listens on: bound once to get a free number, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("checkVictoriaMetrics", () => {
  it("is reachable against the real VictoriaMetrics", async () => {
    const check = await checkVictoriaMetrics(vm.url);
    expect(check).toMatchObject({ state: "reachable", url: vm.url });
    expect(check.state === "reachable" && check.latencyMs).toBeLessThan(VICTORIA_HEALTH_TIMEOUT_MS);
  });

  it("is unreachable with the reason against a closed loopback port, at once", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    expect(await checkVictoriaMetrics(url)).toMatchObject({ state: "unreachable", url, reason: "connection refused" });
    expect(Date.now() - started).toBeLessThan(VICTORIA_HEALTH_TIMEOUT_MS);
  });

  it("gives up after 2 s on a server that accepts and never answers", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const started = Date.now();
      expect(await checkVictoriaMetrics(url)).toMatchObject({ state: "unreachable", reason: "no answer within 2 s" });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(VICTORIA_HEALTH_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(VICTORIA_HEALTH_TIMEOUT_MS + 1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("says not configured without a URL, contacting nothing", async () => {
    expect(await checkVictoriaMetrics(undefined)).toEqual({ state: "not_configured" });
  });
});
