// The pusher against a real HTTP server on loopback that plays VictoriaMetrics: up, down, slow.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../collector/test-support";
import { createMetricsPusher } from "./metrics-pusher";

interface FakeVm {
  url: string;
  received: string[];
  encodings: string[];
  mode: "up" | "down" | "slow" | "reject-first";
  close(): Promise<void>;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  servers = [];
});

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function startFakeVm(): Promise<FakeVm> {
  const vm: FakeVm = { url: "", received: [], encodings: [], mode: "up", close: async () => undefined };
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    if (vm.mode === "down") return void response.writeHead(503).end("service unavailable\n");
    if (vm.mode === "slow") return void setTimeout(() => response.writeHead(204).end(), 1_000);
    if (vm.mode === "reject-first") {
      vm.mode = "up";
      return void response.writeHead(400).end("cannot parse line 1\n");
    }
    expect(request.url).toBe("/api/v1/import/prometheus");
    vm.encodings.push(request.headers["content-encoding"] ?? "identity");
    vm.received.push((request.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8"));
    response.writeHead(204).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vm.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return vm;
}

async function settle(pusher: { flush(deadline: number): Promise<boolean> }) {
  return pusher.flush(Date.now() + 3_000);
}

describe("createMetricsPusher", () => {
  it("sends a batch at once, uncompressed, to the import endpoint", async () => {
    const vm = await startFakeVm();
    const logs = createMemoryLogger();
    const pusher = createMetricsPusher({ url: vm.url, log: logs.log, bufferSeconds: 600, pollIntervalSeconds: 5 });
    await pusher.enqueue("m 1 1000\n");
    expect(await settle(pusher)).toBe(true);
    expect(vm.received).toEqual(["m 1 1000\n"]);
    expect(vm.encodings).toEqual(["identity"]);
    expect(pusher.status()).toMatchObject({ buffered: 0, lastError: null, lastPushAt: expect.any(Date) });
  });

  it("buffers while VictoriaMetrics is down, warns once, then sends everything in order", async () => {
    const vm = await startFakeVm();
    vm.mode = "down";
    const logs = createMemoryLogger();
    const pusher = createMetricsPusher({ url: vm.url, log: logs.log, bufferSeconds: 600, pollIntervalSeconds: 5 });
    for (let cycle = 1; cycle <= 5; cycle += 1) {
      await pusher.enqueue(`m ${cycle} ${cycle * 5000}\n`);
      await settle(pusher);
    }
    expect(pusher.status()).toMatchObject({ buffered: 5, lastError: expect.stringContaining("HTTP 503: service unavailable") });
    expect(logs.lines.filter((entry) => entry.level === "warn")).toHaveLength(1);

    vm.mode = "up";
    await pusher.enqueue("m 6 30000\n");
    expect(await settle(pusher)).toBe(true);
    expect(vm.received).toEqual([1, 2, 3, 4, 5, 6].map((cycle) => `m ${cycle} ${cycle * 5000}\n`));
    // What waited was kept gzip-compressed.
    expect(vm.encodings.slice(0, 5)).toEqual(["gzip", "gzip", "gzip", "gzip", "gzip"]);
    expect(logs.text()).toContain("VictoriaMetrics answers again: sent 6 buffered batches");
    expect(pusher.status().lastError).toBeNull();
  });

  it("keeps a bounded buffer: at least the configured history, dropping the oldest beyond it", async () => {
    const vm = await startFakeVm();
    vm.mode = "down";
    const logs = createMemoryLogger();
    // 10 minutes at 5 s = 120 batches.
    const pusher = createMetricsPusher({ url: vm.url, log: logs.log, bufferSeconds: 600, pollIntervalSeconds: 5 });
    for (let cycle = 1; cycle <= 130; cycle += 1) await pusher.enqueue(`m ${cycle} ${cycle}\n`);
    await settle(pusher);
    expect(pusher.status()).toMatchObject({ buffered: 120, dropped: 10 });
    expect(logs.text()).toContain("buffer is full");
    vm.mode = "up";
    // The recovery line counts every batch sent and every one dropped since the outage began.
    const recovered = () => logs.lines.find((entry) => entry.line.includes("answers again"))?.line;
    // The 131st batch pushes out one more of the oldest before the buffer drains.
    await pusher.enqueue("m 131 131\n");
    await settle(pusher);
    expect(vm.received[0]).toBe("m 12 12\n");
    expect(vm.received).toHaveLength(120);
    expect(recovered()).toContain("sent 120 buffered batches, 11 dropped while the buffer was full");
  });

  it("also bounds the buffer by size", async () => {
    const vm = await startFakeVm();
    vm.mode = "down";
    const pusher = createMetricsPusher({ url: vm.url, log: createMemoryLogger().log, bufferSeconds: 3600, pollIntervalSeconds: 5, maxBufferBytes: 2_000 });
    // Random text barely compresses, so each batch is about 1 KB gzipped.
    for (let cycle = 0; cycle < 10; cycle += 1) await pusher.enqueue(`${Math.random().toString(36).repeat(1)}${Buffer.from(crypto.getRandomValues(new Uint8Array(700))).toString("base64")}\n`);
    await settle(pusher);
    expect(pusher.status().buffered).toBeLessThanOrEqual(2);
  });

  it("gives up on a slow answer after its timeout and keeps the batch", async () => {
    const vm = await startFakeVm();
    vm.mode = "slow";
    const pusher = createMetricsPusher({ url: vm.url, log: createMemoryLogger().log, bufferSeconds: 600, pollIntervalSeconds: 5, timeoutMs: 200 });
    const started = performance.now();
    await pusher.enqueue("m 1 1\n");
    await settle(pusher);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(pusher.status()).toMatchObject({ buffered: 1, lastError: expect.stringMatching(/timeout|aborted/i) });
  });

  it("drops a batch VictoriaMetrics refuses for its content, so it cannot block the ones behind it", async () => {
    const vm = await startFakeVm();
    vm.mode = "reject-first";
    const logs = createMemoryLogger();
    const pusher = createMetricsPusher({ url: vm.url, log: logs.log, bufferSeconds: 600, pollIntervalSeconds: 5 });
    await pusher.enqueue("bad 1 1\n");
    await settle(pusher);
    await pusher.enqueue("m 2 2\n");
    expect(await settle(pusher)).toBe(true);
    expect(vm.received).toEqual(["m 2 2\n"]);
    expect(pusher.status()).toMatchObject({ dropped: 1, buffered: 0 });
    expect(logs.text()).toContain("VictoriaMetrics refused a batch of samples (HTTP 400: cannot parse line 1); dropped it and went on");
  });

  it("reports an unreachable address without throwing", async () => {
    const logs = createMemoryLogger();
    const pusher = createMetricsPusher({ url: "http://127.0.0.1:9", log: logs.log, bufferSeconds: 600, pollIntervalSeconds: 5 });
    await pusher.enqueue("m 1 1\n");
    expect(await settle(pusher)).toBe(false);
    expect(logs.text()).toContain("cannot push to VictoriaMetrics (http://127.0.0.1:9/api/v1/import/prometheus:");
  });
});
