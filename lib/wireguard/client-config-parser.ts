// Reads a client configuration as renderClientConfig writes it (wg-quick format), so test and
// mock clients can be configured from exactly what a user downloads, without wg-quick.
// Errors name the line and the setting, never a key's value.
import { isIP } from "node:net";
import { isWireguardKey } from "./keys";

export interface ClientConfigPeer {
  publicKey: string;
  presharedKey: string | null;
  allowedIps: string[];
  endpoint: string | null;
  persistentKeepalive: number | null;
}

export interface ParsedClientConfig {
  privateKey: string;
  /** CIDRs, e.g. 10.3.2.2/32. */
  addresses: string[];
  dns: string[];
  mtu: number | null;
  peer: ClientConfigPeer;
}

export class ClientConfigError extends Error {
  override name = "ClientConfigError";
}

type Section = "Interface" | "Peer";

export function parseClientConfig(text: string): ParsedClientConfig {
  const values: Record<Section, Map<string, { value: string; line: number }>> = { Interface: new Map(), Peer: new Map() };
  let section: Section | null = null;
  let peerSections = 0;
  text.split("\n").forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, "").trim();
    const lineNumber = index + 1;
    if (line === "") return;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      if (header[1] !== "Interface" && header[1] !== "Peer") throw new ClientConfigError(`line ${lineNumber}: unknown section [${header[1]}]`);
      section = header[1];
      if (section === "Peer") peerSections += 1;
      return;
    }
    const setting = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!setting || !section) throw new ClientConfigError(`line ${lineNumber}: expected "Name = value" inside [Interface] or [Peer]`);
    values[section].set(setting[1]!.toLowerCase(), { value: setting[2]!.trim(), line: lineNumber });
  });
  if (peerSections !== 1) throw new ClientConfigError(`expected exactly one [Peer] section, found ${peerSections}`);

  const get = (from: Section, name: string) => values[from].get(name.toLowerCase());
  const require = (from: Section, name: string) => {
    const entry = get(from, name);
    if (!entry || entry.value === "") throw new ClientConfigError(`[${from}] ${name} is missing`);
    return entry;
  };
  const key = (from: Section, name: string) => {
    const entry = require(from, name);
    if (!isWireguardKey(entry.value)) throw new ClientConfigError(`line ${entry.line}: ${name} is not a WireGuard key`);
    return entry.value;
  };
  const list = (from: Section, name: string) => (get(from, name)?.value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
  const integer = (from: Section, name: string, min: number, max: number) => {
    const entry = get(from, name);
    if (!entry) return null;
    const value = /^\d+$/.test(entry.value) ? Number(entry.value) : Number.NaN;
    if (!(value >= min && value <= max)) throw new ClientConfigError(`line ${entry.line}: ${name} must be a whole number from ${min} to ${max}`);
    return value;
  };
  const cidrs = (from: Section, name: string) => {
    const items = list(from, name);
    const bad = items.find((item) => !isCidr(item));
    if (bad !== undefined) throw new ClientConfigError(`line ${get(from, name)?.line}: ${name} has "${bad}", which is not a CIDR`);
    return items;
  };

  if (!isWireguardKey(require("Interface", "PrivateKey").value)) {
    throw new ClientConfigError("[Interface] PrivateKey is not a WireGuard key (a configuration shown again later has none: only the first one has it)");
  }
  const addresses = cidrs("Interface", "Address");
  if (addresses.length === 0) throw new ClientConfigError("[Interface] Address is missing");
  const presharedKey = get("Peer", "PresharedKey") ? key("Peer", "PresharedKey") : null;
  return {
    privateKey: require("Interface", "PrivateKey").value,
    addresses,
    dns: list("Interface", "DNS"),
    mtu: integer("Interface", "MTU", 576, 65535),
    peer: {
      publicKey: key("Peer", "PublicKey"),
      presharedKey,
      allowedIps: cidrs("Peer", "AllowedIPs"),
      endpoint: get("Peer", "Endpoint")?.value || null,
      persistentKeepalive: integer("Peer", "PersistentKeepalive", 0, 65535) || null,
    },
  };
}

function isCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  const family = isIP(address);
  return family !== 0 && rest.length === 0 && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
