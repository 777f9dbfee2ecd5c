// Which IP addresses an admin-given URL may reach by default: public unicast only. Loopback, private,
// link-local, shared (CGNAT), documentation and benchmarking ranges lead into the server's own
// networks and are refused unless Settings allow identity providers on private networks; "this
// network", unspecified, multicast and reserved addresses are never a server and always refused.
import { BlockList, isIPv4, isIPv6 } from "node:net";

const IPV4_RANGES: Array<[string, number, string]> = [
  ["0.0.0.0", 8, "this network (0.0.0.0/8)"],
  ["10.0.0.0", 8, "private (10.0.0.0/8)"],
  ["100.64.0.0", 10, "shared address space (100.64.0.0/10)"],
  ["127.0.0.0", 8, "loopback (127.0.0.0/8)"],
  ["169.254.0.0", 16, "link-local (169.254.0.0/16)"],
  ["172.16.0.0", 12, "private (172.16.0.0/12)"],
  ["192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"],
  ["192.0.2.0", 24, "documentation (192.0.2.0/24)"],
  ["192.88.99.0", 24, "6to4 relay (192.88.99.0/24)"],
  ["192.168.0.0", 16, "private (192.168.0.0/16)"],
  ["198.18.0.0", 15, "benchmarking (198.18.0.0/15)"],
  ["198.51.100.0", 24, "documentation (198.51.100.0/24)"],
  ["203.0.113.0", 24, "documentation (203.0.113.0/24)"],
  ["224.0.0.0", 4, "multicast (224.0.0.0/4)"],
  ["240.0.0.0", 4, "reserved (240.0.0.0/4)"],
];

const IPV6_RANGES: Array<[string, number, string]> = [
  ["::", 128, "unspecified (::)"],
  ["::1", 128, "loopback (::1)"],
  ["100::", 64, "discard-only (100::/64)"],
  ["2001:db8::", 32, "documentation (2001:db8::/32)"],
  ["fc00::", 7, "unique local (fc00::/7)"],
  ["fe80::", 10, "link-local (fe80::/10)"],
  ["fec0::", 10, "site-local (fec0::/10)"],
  ["ff00::", 8, "multicast (ff00::/8)"],
];

/** IPv6 forms that carry an IPv4 address the packet ends up at: it is judged as that address. */
const EMBEDDED_IPV4: Array<[string, number, (groups: number[]) => number[]]> = [
  ["::ffff:0:0", 96, (g) => g.slice(6)], // IPv4-mapped
  ["::", 96, (g) => g.slice(6)], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96, (g) => g.slice(6)], // NAT64
  ["64:ff9b:1::", 48, (g) => g.slice(6)], // local-use NAT64
  ["2002::", 16, (g) => g.slice(1, 3)], // 6to4
];

function blockListOf(ranges: Array<[string, number, string]>, family: "ipv4" | "ipv6") {
  return ranges.map(([network, prefix, name]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, name };
  });
}

const ipv4Lists = blockListOf(IPV4_RANGES, "ipv4");
const ipv6Lists = blockListOf(IPV6_RANGES, "ipv6");
const embeddedLists = EMBEDDED_IPV4.map(([network, prefix, pick]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, "ipv6");
  return { list, pick };
});

const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  let text = address.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((group) => parseInt(group, 16));
}

/**
 * The name of the non-public range `address` lies in, or null for a public unicast address.
 * Anything that is not an IP address counts as non-public.
 */

const NEVER_A_SERVER = /^(this network|unspecified|multicast|reserved|not an IP address)/;

/** Refused even when private networks are allowed: no identity provider can be there. */
export function isNeverAServer(range: string): boolean {
  return NEVER_A_SERVER.test(range);
}

/**
 * The name of the non-public range `address` lies in, or null for a public unicast address.
 * Anything that is not an IP address counts as non-public.
 */
export function nonPublicRangeOf(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "");
  if (isIPv4(bare)) return ipv4Lists.find(({ list }) => list.check(bare, "ipv4"))?.name ?? null;
  if (!isIPv6(bare)) return "not an IP address";
  const unzoned = bare.split("%")[0]!;
  for (const { list, pick } of embeddedLists) {
    if (unzoned !== "::" && unzoned !== "::1" && list.check(unzoned, "ipv6")) {
      const [high, low] = pick(ipv6Groups(unzoned)) as [number, number];
      const embedded = `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
      const range = nonPublicRangeOf(embedded);
      return range && `${range}, inside ${unzoned}`;
    }
  }
  const named = ipv6Lists.find(({ list }) => list.check(unzoned, "ipv6"))?.name;
  if (named) return named;
  // Only 2000::/3 is allocated as global unicast; the rest is reserved.
  return globalUnicast.check(unzoned, "ipv6") ? null : "reserved (outside 2000::/3)";
}
