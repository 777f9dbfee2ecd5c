// A mock WireGuard client: brings up an interface from a client configuration exactly as a user
// downloads it, without wg-quick (so nothing touches DNS or the default route). Used by the local
// stack (inside a client namespace), by compose's integration profile and by the integration test.
//
//   node --import tsx scripts/mock-client.ts --config wguic1.conf --interface wguic1 [--endpoint host:port] [--full-tunnel [--in-container]]
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createWireguardInterface, readLink } from "../collector/interface-setup";
import { createLogger, errorMessage, type Logger } from "../lib/log";
import { createCommandRunner, type RunCommand } from "../lib/run-command";
import { wgSet, type WgSetArg } from "../collector/wireguard";
import { parseClientConfig } from "../lib/wireguard/client-config-parser";

export interface MockClientOptions {
  configText: string;
  interfaceName: string;
  /** Overrides the configuration's endpoint (compose reaches the server by service name). */
  endpoint?: string;
  /**
   * Route everything through the tunnel (AllowedIPs 0.0.0.0/0, ::/0), as a full-tunnel client does.
   * Refused in the machine's own network namespace: only a test or stack namespace may lose its
   * default route.
   */
  isFullTunnel?: boolean;
  /**
   * The process runs in a container of its own (compose's integration profile says so with
   * --in-container): its network namespace is not the machine's, though it has no name. Not
   * detected: a development machine may itself be a container (with a /.dockerenv).
   */
  isInOwnContainer?: boolean;
}

export class MockClientError extends Error {
  override name = "MockClientError";
}

const SOCKET_GONE_TIMEOUT_MS = 5_000;

export async function configureMockClient(run: RunCommand, options: MockClientOptions, log: Logger): Promise<void> {
  const config = parseClientConfig(options.configText);
  const name = options.interfaceName;
  // The network rule: a mock client routes the tunnel networks only, never the machine's traffic.
  const defaultRoute = config.peer.allowedIps.find((cidr) => cidr.endsWith("/0"));
  if (defaultRoute && !options.isFullTunnel) throw new MockClientError(`refusing AllowedIPs ${defaultRoute}: a mock client must route only the tunnel networks`);
  if (options.isFullTunnel && !options.isInOwnContainer) await assertOwnNamespace(run);
  const endpoint = options.endpoint ?? config.peer.endpoint;
  if (!endpoint) throw new MockClientError("the configuration has no Endpoint and none was given (--endpoint)");

  if (await readLink(run, name)) {
    await run("ip", ["link", "delete", "dev", name]);
    await waitForSocketGone(name);
    log.info(`removed the earlier ${name}`);
  }
  await createWireguardInterface(run, name, log);

  const peer = config.peer;
  const args: WgSetArg[] = ["private-key", { secret: config.privateKey }, "peer", peer.publicKey];
  if (peer.presharedKey) args.push("preshared-key", { secret: peer.presharedKey });
  args.push("endpoint", endpoint, "allowed-ips", peer.allowedIps.join(","));
  if (peer.persistentKeepalive) args.push("persistent-keepalive", String(peer.persistentKeepalive));
  await wgSet(run, name, args);

  for (const address of config.addresses) await run("ip", ["address", "add", address, "dev", name]);
  await run("ip", ["link", "set", "dev", name, ...(config.mtu ? ["mtu", String(config.mtu)] : []), "up"]);
  for (const cidr of peer.allowedIps) await run("ip", ["route", "replace", cidr, "dev", name]);
  log.info(
    `${name} is up: addresses ${config.addresses.join(", ")}, server ${peer.publicKey} at ${endpoint}, routes ${peer.allowedIps.join(", ")}` +
      (config.dns.length > 0 ? " (DNS from the configuration is not applied)" : ""),
  );
}

/** A full-tunnel client's default route must never capture the machine's own traffic. */
async function assertOwnNamespace(run: RunCommand) {
  // Names the named namespace the command runs in: empty in the machine's own (unnamed) one.
  const { stdout } = await run("ip", ["netns", "identify"]);
  if (stdout.trim() === "") throw new MockClientError("refusing a full-tunnel client outside a named network namespace: run it inside a test or stack namespace, or pass --in-container in a container of its own");
}

/** wireguard-go removes its control socket a moment after its interface is deleted. */
async function waitForSocketGone(name: string) {
  const socket = `/var/run/wireguard/${name}.sock`;
  for (let waited = 0; existsSync(socket) && waited < SOCKET_GONE_TIMEOUT_MS; waited += 100) await sleep(100);
}

async function main() {
  const { values } = parseArgs({
    options: { config: { type: "string" }, interface: { type: "string" }, endpoint: { type: "string" }, "full-tunnel": { type: "boolean" }, "in-container": { type: "boolean" } },
  });
  const log = createLogger("mock-client");
  if (!values.config || !values.interface) {
    log.error("usage: mock-client.ts --config FILE --interface NAME [--endpoint HOST:PORT] [--full-tunnel [--in-container]]");
    process.exit(2);
  }
  try {
    const configText = readFileSync(values.config, "utf8");
    await configureMockClient(createCommandRunner(), { configText, interfaceName: values.interface, endpoint: values.endpoint, isFullTunnel: values["full-tunnel"], isInOwnContainer: values["in-container"] }, log);
  } catch (error) {
    log.error(`${values.interface} could not be configured from ${values.config}: ${errorMessage(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
