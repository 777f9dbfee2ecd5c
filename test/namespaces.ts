// Network namespaces for integration tests against real WireGuard: a server namespace with a
// bridge (the test's private "internet", in 198.18.0.0/15) and client namespaces joined to it by
// veth pairs. Tests pass their own names, so they clean up exactly what they create.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createCommandRunner } from "../lib/run-command";

export interface TestLan {
  serverNetns: string;
  clientNetns: string[];
  bridge: string;
  /** Three octets, e.g. "198.19.77": the server is .1, client i (from 0) is .(11 + i). */
  prefix: string;
  /** wireguard-go names whose control sockets are removed with the namespaces. */
  wireguardInterfaces: string[];
}

const run = createCommandRunner();

/** Why namespace tests cannot run here, if they cannot: they need root and these programs. */
export function missingNamespacePrerequisites(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push(`they must run as root (uid is ${process.getuid?.()})`);
  for (const [program, debianPackage] of [["wireguard-go", "wireguard-go"], ["wg", "wireguard-tools"], ["ip", "iproute2"], ["ping", "iputils-ping"]]) {
    if (spawnSync("/bin/sh", ["-c", `command -v ${program}`]).status !== 0) missing.push(`${program} is not installed (apt-get install ${debianPackage})`);
  }
  return missing;
}

export function lanAddress(lan: TestLan, clientIndex: number | "server"): string {
  return `${lan.prefix}.${clientIndex === "server" ? 1 : 11 + clientIndex}`;
}

async function listNamespaces(): Promise<string[]> {
  return (await run("ip", ["netns", "list"])).stdout.split("\n").map((line) => line.split(" ")[0] ?? "").filter(Boolean);
}

async function processesIn(netns: string): Promise<number[]> {
  return (await run("ip", ["netns", "pids", netns])).stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Removes the namespaces (ending what runs inside them: they are the test's) and their sockets. */
export async function removeLan(lan: TestLan): Promise<void> {
  const existing = await listNamespaces();
  for (const netns of [lan.serverNetns, ...lan.clientNetns].filter((name) => existing.includes(name))) {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const pids = await processesIn(netns);
      for (const pid of pids) {
        try {
          process.kill(pid, signal);
        } catch {
          // Already gone.
        }
      }
      for (let waited = 0; waited < 3_000 && (await processesIn(netns)).length > 0; waited += 100) await sleep(100);
    }
    await run("ip", ["netns", "delete", netns]);
  }
  for (const name of lan.wireguardInterfaces) rmSync(`/var/run/wireguard/${name}.sock`, { force: true });
}

export async function createLan(lan: TestLan): Promise<void> {
  const server = lan.serverNetns;
  await run("ip", ["netns", "add", server]);
  await run("ip", ["-n", server, "link", "set", "lo", "up"]);
  await run("ip", ["-n", server, "link", "add", lan.bridge, "type", "bridge"]);
  await run("ip", ["-n", server, "address", "add", `${lanAddress(lan, "server")}/24`, "dev", lan.bridge]);
  await run("ip", ["-n", server, "link", "set", lan.bridge, "up"]);
  // Forwarding lets the clients reach each other through the server.
  await run("ip", ["netns", "exec", server, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"]);
  for (const [index, client] of lan.clientNetns.entries()) {
    const [clientEnd, serverEnd] = [`${lan.bridge}c${index}`, `${lan.bridge}s${index}`];
    await run("ip", ["netns", "add", client]);
    await run("ip", ["-n", client, "link", "set", "lo", "up"]);
    await run("ip", ["link", "add", clientEnd, "netns", client, "type", "veth", "peer", "name", serverEnd, "netns", server]);
    await run("ip", ["-n", server, "link", "set", serverEnd, "master", lan.bridge, "up"]);
    await run("ip", ["-n", client, "address", "add", `${lanAddress(lan, index)}/24`, "dev", clientEnd]);
    await run("ip", ["-n", client, "link", "set", clientEnd, "up"]);
  }
}
