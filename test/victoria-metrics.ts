// The real VictoriaMetrics binary (Debian's victoria-metrics) for tests: its own port and data
// directory, stoppable and restartable on the same data to simulate an outage.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface TestVictoriaMetrics {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
  /** GET a JSON API path (nocache=1 added), failing on a non-2xx answer. */
  get<T>(path: string, params?: Record<string, string | string[]>): Promise<T>;
}

export function missingVictoriaMetrics(): string | null {
  return spawnSync("/bin/sh", ["-c", "command -v victoria-metrics"]).status === 0 ? null : "victoria-metrics is not installed (apt-get install victoria-metrics)";
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

export async function startVictoriaMetrics(): Promise<TestVictoriaMetrics> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "wiregui-test-vm-"));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";

  async function isUp(): Promise<boolean> {
    return fetch(`${url}/health`).then((response) => response.ok, () => false);
  }

  const vm: TestVictoriaMetrics = {
    url,
    async start() {
      output = "";
      child = spawn(
        "victoria-metrics",
        // Fresh points are visible at once (default: hidden for 30 s); small dedup-free storage.
        [`-storageDataPath=${dataDir}`, `-httpListenAddr=127.0.0.1:${port}`, "-retentionPeriod=1d", "-search.latencyOffset=0s", "-search.cacheTimestampOffset=35m", "-loggerLevel=ERROR"],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      for (let waited = 0; waited < 15_000; waited += 100) {
        if (await isUp()) return;
        if (child.exitCode !== null) break;
        await sleep(100);
      }
      throw new Error(`victoria-metrics did not start on ${url}: ${output.slice(-500)}`);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000).then(() => running.kill("SIGKILL"))]);
    },
    async remove() {
      await vm.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async get<T>(path: string, params: Record<string, string | string[]> = {}) {
      const search = new URLSearchParams({ nocache: "1" });
      for (const [name, value] of Object.entries(params)) for (const item of [value].flat()) search.append(name, item);
      const response = await fetch(`${url}${path}?${search}`);
      const text = await response.text();
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
  };
  await vm.start();
  return vm;
}
