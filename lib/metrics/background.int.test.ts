// The web app's collector subprocess never outlives it, even when the web app is killed with
// SIGKILL (no exit handler runs then): the collector notices its IPC channel closing and exits.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { deriveEncryptionKey } from "../crypto/keys";
import { chooseStatsBackground, collectorEnvironment } from "./background";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});

afterAll(async () => {
  await database?.drop();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("chooseStatsBackground", () => {
  it("polls in-process when metrics are off, spawns the collector only in subprocess mode", () => {
    expect(chooseStatsBackground({ WG_METRICS_ENABLED: false, WG_COLLECTOR_MODE: "subprocess" })).toBe("in-process");
    expect(chooseStatsBackground({ WG_METRICS_ENABLED: true, WG_COLLECTOR_MODE: "subprocess" })).toBe("subprocess");
    expect(chooseStatsBackground({ WG_METRICS_ENABLED: true, WG_COLLECTOR_MODE: "sidecar" })).toBe("sidecar");
  });
});

describe("collectorEnvironment", () => {
  it("gives the collector subprocess the encryption key and never AUTH_SECRET", () => {
    const authSecret = "w".repeat(40);
    for (const secrets of [{ AUTH_SECRET: authSecret }, { NEXTAUTH_SECRET: authSecret }]) {
      const env = collectorEnvironment({ ...secrets, DATABASE_URL: "postgresql://x/y", WG_INTERFACE: "wg9" });
      expect(env).toEqual({ DATABASE_URL: "postgresql://x/y", WG_INTERFACE: "wg9", WIREGUI_ENCRYPTION_KEY: deriveEncryptionKey(authSecret).toString("hex") });
      expect(JSON.stringify(env)).not.toContain(authSecret);
    }
  });
});

describe("startCollectorSubprocess", () => {
  it("starts the collector again when it dies, and leaves no orphan when the web app is killed with SIGKILL", async () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const parent = spawn(process.execPath, ["--import", "tsx", "test/fixtures/collector-parent.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        AUTH_SECRET: randomBytes(32).toString("hex"),
        // An interface that does not exist: the collector logs it and keeps running.
        WG_INTERFACE: "wguix0",
        WG_METRICS_ENABLED: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    parent.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!/collector: starting/.test(output) || !/child-pid \d+/.test(output)) {
      if (Date.now() > deadline) throw new Error(`the collector subprocess did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const firstPid = Number(/child-pid (\d+)/.exec(output)![1]);
    expect(isAlive(firstPid)).toBe(true);

    // The collector dies: the web app starts another after the first back-off (2 s).
    process.kill(firstPid, "SIGKILL");
    const restarted = /started the collector as a subprocess \(pid (\d+)\)/g;
    let childPid = firstPid;
    while (childPid === firstPid) {
      if (Date.now() > deadline + 10_000) throw new Error(`the collector was not started again: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const pids = [...output.matchAll(restarted)].map((match) => Number(match[1]));
      childPid = pids.at(-1) ?? firstPid;
    }
    expect(output).toContain("the collector subprocess exited (SIGKILL); starting it again in 2 s");
    while (!isAlive(childPid) || (output.match(/collector: starting/g) ?? []).length < 2) {
      if (Date.now() > deadline + 20_000) throw new Error(`the second collector did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    parent.kill("SIGKILL");
    const killedAt = performance.now();
    while (isAlive(childPid) && performance.now() - killedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    const tookMs = Math.round(performance.now() - killedAt);
    console.info(`[background.int] collector subprocess gone ${tookMs} ms after its parent was SIGKILLed`);
    expect(isAlive(childPid)).toBe(false);
    expect(output).toContain("the web app that started it has exited: stopping");
  });
});
