// Tunnel address allocation: the first free host address of a network. The network address, the
// gateway (the first host, which the server's interface uses) and the IPv4 broadcast address are
// never handed out.
import { bigIntToIp, ipToBigInt, parseCidr } from "./ip";

export class NetworkFullError extends Error {
  constructor(readonly network: string) {
    super(`The tunnel network ${network} is full: no free address is left for a new device.`);
    this.name = "NetworkFullError";
  }
}

/** The server's tunnel address in the network. */
export function gatewayAddress(network: string): string {
  const { family, network: base } = parseCidr(network);
  return bigIntToIp(base + 1n, family);
}

export function allocateAddress(network: string, taken: Iterable<string>): string {
  const { family, network: base, size } = parseCidr(network);
  const used = new Set<bigint>();
  for (const address of taken) used.add(ipToBigInt(address.split("/")[0] ?? address));
  const last = family === 4 ? base + size - 2n : base + size - 1n;
  for (let candidate = base + 2n; candidate <= last; candidate += 1n) {
    if (!used.has(candidate)) return bigIntToIp(candidate, family);
  }
  throw new NetworkFullError(network);
}
