// Fakes for the collector's unit tests (a command runner that records calls and the content of
// the key files passed to them, a logger that keeps lines) and the pieces its namespace tests
// share (hosts behind the server, mock clients).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { createUser } from "../lib/db/users";
import { deviceSettingsSchema } from "../lib/devices/schemas";
import { createDevice, type CreatedDevice } from "../lib/devices/service";
import { createLogger, type Logger, type LogLevel } from "../lib/log";
import { CommandError, createCommandRunner, formatCommand, type CommandResult, type RunCommand } from "../lib/run-command";
import { configureMockClient } from "../scripts/mock-client";
import { lanAddress, type TestLan } from "../test/namespaces";

export interface RecordedCall {
  command: string;
  args: string[];
  /** Contents of argument files in a private key directory, read while the command "ran". */
  secretFiles: Record<string, { content: string; mode: number }>;
}

export function createFakeRunner(answer: (file: string, args: readonly string[]) => CommandResult | Error = () => ({ stdout: "", stderr: "" })) {
  const calls: RecordedCall[] = [];
  const run: RunCommand = async (file, args) => {
    const secretFiles: RecordedCall["secretFiles"] = {};
    for (const arg of args) {
      if (/\/wiregui-[^/]+\/key-\d+$/.test(arg) && existsSync(arg)) {
        secretFiles[arg] = { content: readFileSync(arg, "utf8"), mode: statSync(arg).mode & 0o777 };
      }
    }
    calls.push({ command: formatCommand(file, args), args: [...args], secretFiles });
    const result = answer(file, args);
    if (result instanceof Error) throw new CommandError(formatCommand(file, args), result.message, 1);
    return result;
  };
  return { run, calls };
}

export function createMemoryLogger(): { log: Logger; lines: Array<{ level: LogLevel; line: string }>; text: () => string } {
  const lines: Array<{ level: LogLevel; line: string }> = [];
  return { log: createLogger("test", (level, line) => lines.push({ level, line })), lines, text: () => lines.map((entry) => entry.line).join("\n") };
}

/** The stack's destination TCP services (8080, 8081 on every address) inside a namespace; removeLan ends them. */
export function serveDestinationIn(netns: string) {
  spawn("ip", ["netns", "exec", netns, process.execPath, "--import", "tsx", "scripts/stack-destination.ts"], { stdio: "ignore", detached: true }).unref();
}

/**
 * Client namespace `index` of the LAN as a host behind the server (no WireGuard): an IPv6 address
 * on the LAN too, routes back to the tunnel networks through the server, and the TCP services.
 */
export async function addHostBehindServer(lan: TestLan, index: number, tunnel: { ipv4Network: string; ipv6Network: string }, v6: { server: string; host: string }) {
  const serverRun = createCommandRunner({ netns: lan.serverNetns });
  const hostRun = createCommandRunner({ netns: lan.clientNetns[index] });
  await serverRun("ip", ["address", "add", `${v6.server}/64`, "dev", lan.bridge, "nodad"]);
  await hostRun("ip", ["address", "add", `${v6.host}/64`, "dev", `${lan.bridge}c${index}`, "nodad"]);
  await hostRun("ip", ["route", "add", tunnel.ipv4Network, "via", lanAddress(lan, "server")]);
  await hostRun("ip", ["-6", "route", "add", tunnel.ipv6Network, "via", v6.server]);
  serveDestinationIn(lan.clientNetns[index]!);
}

/** One unprivileged user per client, each with one device (these allowed IPs), and its mock client configured from the device's config. */
export async function addMockClients(
  { db, secretBox, log }: { db: Db; secretBox: SecretBox; log: Logger },
  clients: ReadonlyArray<{ netns: string; interfaceName: string; email: string }>,
  allowedIps: readonly string[],
): Promise<Array<{ id: string; device: CreatedDevice }>> {
  const created: Array<{ id: string; device: CreatedDevice }> = [];
  for (const [index, client] of clients.entries()) {
    const user = await createUser(db, { email: client.email, passwordHash: null, role: "unprivileged" });
    const settings = deviceSettingsSchema.parse({ name: `laptop-${index}`, useDefaultAllowedIps: false, allowedIps: [...allowedIps] });
    const device = await createDevice(db, secretBox, { userId: user.id, settings });
    await configureMockClient(createCommandRunner({ netns: client.netns }), { configText: device.config, interfaceName: client.interfaceName }, log);
    created.push({ id: user.id, device });
  }
  return created;
}
