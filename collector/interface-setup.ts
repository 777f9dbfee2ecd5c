// Brings the WireGuard interface up when the collector manages it (WG_MANAGE_INTERFACE=true):
// creates it if missing (kernel WireGuard, else wireguard-go), then sets only what differs (key,
// listen port, gateway addresses, up). An existing interface is never recreated, so its
// sessions survive collector restarts and repeated passes.
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { getConfiguration, getServerPrivateKeyEncrypted } from "../lib/db/configuration";
import { gatewayAddress } from "../lib/net/allocate";
import { derivePublicKey } from "../lib/wireguard/keys";
import { canonicalCidr } from "./cidr";
import { errorMessage, type Logger } from "../lib/log";
import { CommandError, type RunCommand } from "../lib/run-command";
import { readDump, wgSet, type WgSetArg } from "./wireguard";

export interface InterfaceSpec {
  name: string;
  /** A secret: passed to wg as a file, never logged. */
  privateKey: string;
  listenPort: number;
  /** Gateway addresses with the tunnel networks' prefixes, e.g. 10.3.2.1/24. */
  addresses: string[];
}

export interface LinkState {
  ifindex: number;
  isUp: boolean;
  addresses: string[];
}

/** The interface as the configuration row describes it. */
export async function loadInterfaceSpec(db: Db, secretBox: SecretBox, name: string): Promise<InterfaceSpec> {
  const [configuration, sealedKey] = await Promise.all([getConfiguration(db), getServerPrivateKeyEncrypted(db)]);
  if (!configuration || !sealedKey) throw new Error("WireGUI is not set up yet (no server keypair in the database): run the setup command first");
  const withPrefix = (network: string) => `${gatewayAddress(network)}/${network.split("/")[1]}`;
  return {
    name,
    privateKey: secretBox.open(sealedKey),
    listenPort: configuration.listenPort,
    addresses: [withPrefix(configuration.ipv4Network), withPrefix(configuration.ipv6Network)],
  };
}

/** `ip -j address show`; null when the interface does not exist. */
export async function readLink(run: RunCommand, name: string): Promise<LinkState | null> {
  let stdout: string;
  try {
    ({ stdout } = await run("ip", ["-j", "address", "show", "dev", name], { timeoutMs: 10_000 }));
  } catch (error) {
    if (error instanceof CommandError && /does not exist/i.test(error.reason)) return null;
    throw error;
  }
  const [link] = JSON.parse(stdout) as Array<{ ifindex: number; flags?: string[]; addr_info?: Array<{ local: string; prefixlen: number }> }>;
  if (!link) return null;
  return {
    ifindex: link.ifindex,
    isUp: link.flags?.includes("UP") ?? false,
    addresses: (link.addr_info ?? []).map((address) => canonicalCidr(`${address.local}/${address.prefixlen}`)),
  };
}

/** Kernel WireGuard when the machine has it, wireguard-go otherwise. */
export async function createWireguardInterface(run: RunCommand, name: string, log: Logger): Promise<"kernel" | "wireguard-go"> {
  try {
    await run("ip", ["link", "add", "dev", name, "type", "wireguard"], { timeoutMs: 10_000 });
    log.info(`created ${name} (kernel WireGuard)`);
    return "kernel";
  } catch (kernelError) {
    log.info(`kernel WireGuard is not available (${errorMessage(kernelError)}); starting wireguard-go ${name}`);
  }
  // wireguard-go forks into the background once the interface exists. Its own session keeps it
  // alive when the collector stops; without LOG_LEVEL its daemon leaves our output pipes alone,
  // and WG_PROCESS_FOREGROUND would keep it (and this call) in the foreground.
  await run("wireguard-go", [name], { isDetached: true, env: { LOG_LEVEL: undefined, WG_PROCESS_FOREGROUND: undefined } });
  log.info(`created ${name} (wireguard-go)`);
  return "wireguard-go";
}

export async function ensureInterface(run: RunCommand, spec: InterfaceSpec, log: Logger): Promise<LinkState> {
  let link = await readLink(run, spec.name);
  if (!link) {
    const kind = await createWireguardInterface(run, spec.name, log);
    link = await readLink(run, spec.name);
    if (!link) throw new Error(`${spec.name} was created with ${kind}, but \`ip address show dev ${spec.name}\` does not list it`);
  }

  const current = (await readDump(run, spec.name)).interface;
  const publicKey = derivePublicKey(spec.privateKey);
  const args: WgSetArg[] = [];
  const changes: string[] = [];
  if (current?.publicKey !== publicKey) {
    args.push("private-key", { secret: spec.privateKey });
    changes.push(`private key (public key ${publicKey})`);
  }
  if (current?.listenPort !== spec.listenPort) {
    args.push("listen-port", String(spec.listenPort));
    changes.push(`listen port ${spec.listenPort}`);
  }
  if (args.length > 0) {
    await wgSet(run, spec.name, args);
    log.info(`set ${spec.name}'s ${changes.join(" and ")}`);
  }

  for (const address of spec.addresses.map(canonicalCidr)) {
    if (link.addresses.includes(address)) continue;
    await run("ip", ["address", "add", address, "dev", spec.name], { timeoutMs: 10_000 });
    log.info(`added address ${address} to ${spec.name}`);
  }
  if (!link.isUp) {
    await run("ip", ["link", "set", "dev", spec.name, "up"], { timeoutMs: 10_000 });
    log.info(`set ${spec.name} up`);
  }
  return (await readLink(run, spec.name)) ?? link;
}
