// The local stack's destination host: a namespace behind the WireGuard server (the network the
// VPN gives access to) with two TCP services, so egress rules can be shown to block one port while
// the other still works. scripts/stack-network.sh creates the namespace with these addresses.
//
//   node --import tsx scripts/stack-destination.ts     (inside the namespace: serves both ports)
import { createServer } from "node:net";
import { pathToFileURL } from "node:url";
import type { RunCommand } from "../lib/run-command";

export const DESTINATION = {
  ipv4: "198.19.200.2",
  ipv6: "fd00:d57::2",
  /** Routed through the tunnel by the mock clients (their AllowedIPs). */
  networks: ["198.19.200.0/24", "fd00:d57::/64"],
  /** The port the demonstration rule drops, and one it leaves alone. */
  ports: { blocked: 8080, open: 8081 },
} as const;

/** A TCP connection from the namespace `run` works in; a dropped SYN gives up after timeoutS. */
export async function canConnect(run: RunCommand, host: string, port: number, timeoutS = 2): Promise<boolean> {
  try {
    await run("timeout", [String(timeoutS), "bash", "-c", `exec 3<>/dev/tcp/${host}/${port}`], { timeoutMs: (timeoutS + 8) * 1000 });
    return true;
  } catch {
    return false;
  }
}

/** One ping from the namespace `run` works in, answered within a second. */
export async function canPing(run: RunCommand, host: string): Promise<boolean> {
  try {
    await run("ping", ["-c", "1", "-W", "1", host], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const peerAddress = (address: string | undefined) => (address ?? "unknown").replace(/^::ffff:(?=\d+\.)/, "");

/** The line the destination answers with, or null when no connection could be made. */
export async function readGreeting(run: RunCommand, host: string, port: number, timeoutS = 2): Promise<string | null> {
  try {
    const { stdout } = await run("timeout", [String(timeoutS), "bash", "-c", `exec 3<>/dev/tcp/${host}/${port} && head -n 1 <&3`], { timeoutMs: (timeoutS + 8) * 1000 });
    return stdout.trim();
  } catch {
    return null;
  }
}

/** Answers every connection with one line naming the port and the peer's address, on every address. */
export function serveDestination(ports: readonly number[]) {
  return ports.map((port) =>
    createServer((socket) => {
      // Probes close at once: a reset is expected, not an error.
      socket.on("error", () => {});
      // The peer's address shows whether the server source-NATs (full-tunnel clients) or not.
      socket.end(`wiregui destination, port ${port}, from ${peerAddress(socket.remoteAddress)}\n`);
    }).listen(port, "::"),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  serveDestination(Object.values(DESTINATION.ports));
  console.log(`destination: TCP ${Object.values(DESTINATION.ports).join(" and ")} on ${DESTINATION.ipv4} and ${DESTINATION.ipv6}`);
}
