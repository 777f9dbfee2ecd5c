// IP addresses as bigints, for network arithmetic (allocation, host-bit checks).
import { isIPv4, isIPv6 } from "node:net";

export type IpFamily = 4 | 6;

export function ipFamily(address: string): IpFamily {
  if (isIPv4(address)) return 4;
  if (isIPv6(address)) return 6;
  throw new Error(`${address} is not an IP address`);
}

export function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

export function ipv6ToBigInt(address: string): bigint {
  let text = address;
  const embeddedV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (embeddedV4) {
    const value = ipv4ToBigInt(embeddedV4);
    text = text.replace(embeddedV4, `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`);
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group || "0"}`), 0n);
}

export function ipToBigInt(address: string): bigint {
  return ipFamily(address) === 4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
}

export function bigIntToIp(value: bigint, family: IpFamily): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join(".");
  const groups = Array.from({ length: 8 }, (_, index) => ((value >> BigInt((7 - index) * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === "0") length += 1;
    if (length > bestLength && length > 1) [bestStart, bestLength] = [start, length];
  }
  if (bestStart === -1) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

export interface ParsedCidr {
  family: IpFamily;
  network: bigint;
  prefix: number;
  /** Number of addresses in the network. */
  size: bigint;
}

export function parseCidr(cidr: string): ParsedCidr {
  const [address = "", prefixText = ""] = cidr.split("/");
  const family = ipFamily(address);
  const width = family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (!/^\d+$/.test(prefixText) || prefix > width) throw new Error(`${cidr} has an invalid prefix length`);
  const size = 1n << BigInt(width - prefix);
  return { family, network: ipToBigInt(address) & ~(size - 1n), prefix, size };
}

/** True when the address has bits set beyond the prefix (10.3.2.1/24): not a network address. */
export function hasHostBitsSet(cidr: string): boolean {
  const [address = ""] = cidr.split("/");
  return ipToBigInt(address) !== parseCidr(cidr).network;
}

export function cidrContains(cidr: string, address: string): boolean {
  const parsed = parseCidr(cidr);
  return ipFamily(address) === parsed.family && (ipToBigInt(address) & ~(parsed.size - 1n)) === parsed.network;
}

/** One spelling per CIDR (IPv6 compressed, lower case; a bare address gets /32 or /128). */
export function canonicalCidr(cidr: string): string {
  const [address = "", prefix] = cidr.split("/");
  const family = ipFamily(address);
  return `${bigIntToIp(ipToBigInt(address), family)}/${prefix ?? (family === 4 ? 32 : 128)}`;
}

/** True when every address of `inner` is in `outer` (same family). */
export function cidrCovers(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a.family === b.family && a.prefix <= b.prefix && (b.network & ~(a.size - 1n)) === a.network;
}

/** CIDRs either nest or are disjoint: they overlap when one covers the other. */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrCovers(a, b) || cidrCovers(b, a);
}
