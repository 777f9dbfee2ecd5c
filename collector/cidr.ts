// CIDRs in one spelling (IPv6 compressed, lower case) so the database's and wg's forms compare equal.
import { canonicalCidr } from "../lib/net/ip";

export { canonicalCidr };

/** The host route of a tunnel address as WireGuard's allowed IPs hold it (`10.3.2.2/32`). */
export function hostCidr(address: string): string {
  return canonicalCidr(address.split("/")[0] ?? address);
}

export function sameCidrSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map(canonicalCidr));
  const right = new Set(b.map(canonicalCidr));
  return left.size === right.size && [...left].every((cidr) => right.has(cidr));
}
