// Parser for `wg show <interface> dump`, shared by the collector's peer reconciler and metrics.
// The first line starts with the interface's private key: it is checked for shape and dropped
// here, so no caller can keep or log it. Preshared keys are kept because the reconciler compares
// them; callers must never log them. Problems never quote a line, since lines hold secrets.
import { isIP } from "node:net";
import { isWireguardKey } from "./keys";

export interface DumpInterface {
  /** Null while the interface has no private key. */
  publicKey: string | null;
  /** 0 when the interface does not listen yet. */
  listenPort: number;
  fwmark: number | null;
}

export interface DumpEndpoint {
  address: string;
  port: number;
  /** The IPv6 zone (`%eth0`) of a link-local address; the kernel prints it, wireguard-go drops it. */
  zone: string | null;
}

export interface DumpPeer {
  publicKey: string;
  /** A secret: compare it, never log it. */
  presharedKey: string | null;
  endpoint: DumpEndpoint | null;
  allowedIps: string[];
  latestHandshakeAt: Date | null;
  rxBytes: bigint;
  txBytes: bigint;
  /** Seconds; null when off. */
  persistentKeepalive: number | null;
}

export interface DumpProblem {
  /** 1-based line number in the dump. */
  line: number;
  message: string;
  /** The peer the line is about, when its public key could still be read. */
  publicKey?: string;
}

export interface ParsedDump {
  interface: DumpInterface | null;
  peers: DumpPeer[];
  /** Malformed lines, skipped. */
  problems: DumpProblem[];
}

const NONE = "(none)";
const U64_MAX = (1n << 64n) - 1n;
// The latest moment a JavaScript Date can hold (8.64e15 ms). A handshake beyond it, though a safe
// integer, would become an Invalid Date whose NaN fails the stats cycle's batched write.
export const MAX_HANDSHAKE_SECONDS = 8_640_000_000_000;

class FieldError extends Error {
  constructor(
    message: string,
    readonly publicKey?: string,
  ) {
    super(message);
  }
}

export function parseDump(text: string): ParsedDump {
  const result: ParsedDump = { interface: null, peers: [], problems: [] };
  const lines = text.split("\n");
  let hasInterfaceLine = false;
  for (let index = 0; index < lines.length; index += 1) {
    const rawLine = lines[index]!;
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") continue;
    const fields = line.split("\t");
    try {
      if (!hasInterfaceLine) {
        hasInterfaceLine = true;
        result.interface = parseInterfaceFields(fields);
      } else {
        result.peers.push(parsePeerFields(fields));
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      result.problems.push({ line: index + 1, message: error.message, ...(error.publicKey && { publicKey: error.publicKey }) });
    }
  }
  if (!hasInterfaceLine) result.problems.push({ line: 1, message: "the dump is empty: expected the interface line" });
  return result;
}

function parseInterfaceFields(fields: string[]): DumpInterface {
  if (fields.length !== 4) {
    throw new FieldError(`expected the interface line (private key, public key, listen port, fwmark: 4 fields), got ${fields.length} fields`);
  }
  const [privateKey = "", publicKey = "", listenPort = "", fwmark = ""] = fields;
  if (privateKey !== NONE && !isWireguardKey(privateKey)) throw new FieldError("the interface's private key is not a WireGuard key");
  return {
    publicKey: parseOptionalKey(publicKey, "the interface's public key"),
    listenPort: parseInteger(listenPort, 0, 65535, "listen port"),
    fwmark: parseFwmark(fwmark),
  };
}

function parsePeerFields(fields: string[]): DumpPeer {
  if (fields.length !== 8) {
    throw new FieldError(
      `expected a peer line (public key, preshared key, endpoint, allowed IPs, latest handshake, rx, tx, keepalive: 8 fields), got ${fields.length} fields`,
    );
  }
  const [publicKey = "", presharedKey = "", endpoint = "", allowedIps = "", handshake = "", rx = "", tx = "", keepalive = ""] = fields;
  if (!isWireguardKey(publicKey)) throw new FieldError("the peer's public key is not a WireGuard key");
  // Errors from here on may name the peer: its public key is not a secret.
  try {
    const handshakeSeconds = parseInteger(handshake, 0, MAX_HANDSHAKE_SECONDS, "latest handshake");
    return {
      publicKey,
      presharedKey: parseOptionalKey(presharedKey, "preshared key"),
      endpoint: endpoint === NONE ? null : parseEndpoint(endpoint),
      allowedIps: allowedIps === NONE ? [] : allowedIps.split(",").map(parseAllowedIp),
      latestHandshakeAt: handshakeSeconds === 0 ? null : new Date(handshakeSeconds * 1000),
      rxBytes: parseCounter(rx, "rx bytes"),
      txBytes: parseCounter(tx, "tx bytes"),
      persistentKeepalive: keepalive === "off" ? null : parseInteger(keepalive, 0, 65535, "persistent keepalive") || null,
    };
  } catch (error) {
    if (error instanceof FieldError) throw new FieldError(`peer ${publicKey}: ${error.message}`, publicKey);
    throw error;
  }
}

function parseOptionalKey(value: string, what: string): string | null {
  if (value === NONE) return null;
  if (!isWireguardKey(value)) throw new FieldError(`${what} is neither a WireGuard key nor ${NONE}`);
  return value;
}

function parseInteger(value: string, min: number, max: number, what: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) throw new FieldError(`${what} is not a whole number from ${min} to ${max}`);
  return number;
}

function parseCounter(value: string, what: string): bigint {
  const counter = /^\d{1,20}$/.test(value) ? BigInt(value) : -1n;
  if (counter < 0n || counter > U64_MAX) throw new FieldError(`${what} is not an unsigned 64-bit counter`);
  return counter;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** isIP, with a fast path for the dotted quads that fill most dumps (isIP is slow on 10,000s). */
function ipFamily(address: string): 0 | 4 | 6 {
  const quad = IPV4.exec(address);
  if (quad) return quad.slice(1).every((octet) => Number(octet) <= 255 && (octet.length === 1 || octet[0] !== "0")) ? 4 : 0;
  return address.includes(":") && isIP(address) === 6 ? 6 : 0;
}

/** `off`, hex as wg prints it (`0xca6c`), or decimal. */
function parseFwmark(value: string): number | null {
  if (value === "off") return null;
  const number = /^0x[0-9a-f]{1,8}$/i.test(value) ? Number.parseInt(value.slice(2), 16) : /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number > 0xffffffff) throw new FieldError("fwmark is neither off nor a 32-bit number");
  return number === 0 ? null : number;
}

/** `192.0.2.1:51820`, `[2001:db8::1]:51820` or `[fe80::1%eth0]:51820`. */
function parseEndpoint(value: string): DumpEndpoint {
  const bracketed = /^\[([^\]%]+)(?:%([^\]]+))?\]:(\d+)$/.exec(value);
  const plain = bracketed ? null : /^([\d.]+):(\d+)$/.exec(value);
  const address = bracketed?.[1] ?? plain?.[1] ?? "";
  const family = ipFamily(address);
  if (!(bracketed ? family === 6 : family === 4)) throw new FieldError("endpoint is neither an address:port nor (none)");
  return { address, port: parseInteger(bracketed?.[3] ?? plain?.[2] ?? "", 0, 65535, "endpoint port"), zone: bracketed?.[2] ?? null };
}

function parseAllowedIp(value: string): string {
  const slash = value.indexOf("/");
  const address = slash < 0 ? "" : value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  const family = ipFamily(address);
  const width = family === 4 ? 32 : 128;
  if (family === 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > width) {
    throw new FieldError("allowed IPs are not a comma-separated list of CIDRs");
  }
  return value;
}

/** The endpoint as WireGuard writes it, for display and storage. */
export function formatEndpoint(endpoint: DumpEndpoint): string {
  if (isIP(endpoint.address) === 4) return `${endpoint.address}:${endpoint.port}`;
  return `[${endpoint.address}${endpoint.zone ? `%${endpoint.zone}` : ""}]:${endpoint.port}`;
}
