// Who is on the other end of a request. `next start` gives route handlers and server actions only a
// Web Request, without the socket, and fills X-Forwarded-For from the socket only when the client
// sent none (`??=` in next/dist/server/base-server.js), so the header alone is whatever the client
// says. The web process therefore stamps every request with its socket's address
// (./peer-address.ts, installed by instrumentation.ts), and X-Forwarded-For is believed only hop by
// hop from the right while the hop that added it is a trusted proxy (TRUSTED_PROXIES).
import { BlockList, isIP } from "node:net";
import { getEnv } from "../env";

/** Set by the web process from the socket, replacing whatever the client sent. */
export const PEER_ADDRESS_HEADER = "x-wiregui-peer-address";

/** Anything with `get(name)`: a Request's Headers or next/headers' ReadonlyHeaders. */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/** TRUSTED_PROXIES' entries (CIDRs or single addresses, already validated by lib/env.ts). */
export function trustedProxiesFrom(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    list.addSubnet(address, prefix === undefined ? (family === "ipv6" ? 128 : 32) : Number(prefix), family);
  }
  return { has: (address) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") };
}

/**
 * The client: the socket's address, unless it is a trusted proxy; then the X-Forwarded-For entries
 * from the right, skipping trusted ones. An entry that is not an address ends the walk at the last
 * hop that was (the trusted proxy itself). No socket address (outside the web server): null.
 */
export function resolveClientIp(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string | null {
  let client = normalizeAddress(peer);
  if (!client) return null;
  const hops = (forwardedFor ?? "").split(",").map((part) => part.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    if (!trusted.has(client)) break;
    const address = normalizeAddress(hop);
    if (!address) break;
    client = address;
  }
  return client;
}

export function clientIpFrom(headers: HeaderSource): string | null {
  const peer = headers.get(PEER_ADDRESS_HEADER);
  const forwardedFor = headers.get("x-forwarded-for");
  // Only read the settings when there is a chain to walk: unit tests and tools have no environment.
  if (!peer || !forwardedFor) return normalizeAddress(peer);
  return resolveClientIp(peer, forwardedFor, configuredTrustedProxies());
}

let cached: TrustedProxies | undefined;

function configuredTrustedProxies(): TrustedProxies {
  cached ??= trustedProxiesFrom(getEnv().TRUSTED_PROXIES);
  return cached;
}

/** An address as stored: IPv4-mapped IPv6 as plain IPv4, IPv6 in lower case; anything else is null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const unmapped = trimmed.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  const version = isIP(unmapped);
  if (version === 4) return unmapped;
  if (version === 6) return unmapped.toLowerCase();
  return null;
}
