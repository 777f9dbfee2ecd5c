// An HTTP(S) agent for requests to admin-given URLs: it resolves the host itself, refuses it when any
// address is not public (unless allowed), and connects to exactly the address it checked, so a DNS
// answer that changes between the check and the connection (rebinding) cannot swap it.
import { lookup } from "node:dns/promises";
import { Agent, type ClientRequestArgs } from "node:http";
import { connect as connectTcp, isIP, type NetConnectOpts } from "node:net";
import type { Duplex } from "node:stream";
import { connect as connectTls, type ConnectionOptions } from "node:tls";
import { isNeverAServer, nonPublicRangeOf } from "./address-ranges";

export interface DestinationPolicy {
  /** Settings → Authentication: "Allow identity providers on private networks". */
  allowPrivate: boolean;
}

/** The host resolves to (or is) an address outside the public internet, and the policy refuses it. */
export class BlockedDestinationError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} is at ${address}, a ${range} address`);
    this.name = "BlockedDestinationError";
  }
}

/** The address to connect to: every address the host resolves to must pass the policy. */
export async function resolveDestination(host: string, policy: DestinationPolicy): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  const addresses = family ? [{ address: bare, family }] : await lookup(bare, { all: true, verbatim: true });
  if (!addresses.length) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
  for (const { address } of addresses) {
    const range = nonPublicRangeOf(address);
    if (range && (!policy.allowPrivate || isNeverAServer(range))) throw new BlockedDestinationError(bare, address, range);
  }
  return addresses[0]!;
}

type Callback = (error: Error | null, socket: Duplex) => void;

/**
 * One agent for http: and https: URLs (it leaves `protocol` unset, so Node lets both use it); no
 * keep-alive, so every request connects, and is checked, anew.
 */
export class GuardedAgent extends Agent {
  constructor(readonly policy: DestinationPolicy) {
    super({ keepAlive: false });
    (this as { protocol?: string }).protocol = undefined;
  }

  override createConnection(options: ClientRequestArgs, callback?: Callback): Duplex | undefined {
    const host = options.host ?? options.hostname ?? "localhost";
    resolveDestination(host, this.policy).then(
      ({ address, family }) => {
        // Connect to the checked address; TLS still verifies the certificate against the host name.
        const target = { ...options, host: address, family, lookup: undefined };
        const socket =
          options.protocol === "https:"
            ? connectTls({ ...target, servername: isIP(host.replace(/^\[|\]$/g, "")) ? undefined : host } as ConnectionOptions)
            : connectTcp(target as NetConnectOpts);
        callback?.(null, socket);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

const agents = { allowed: new GuardedAgent({ allowPrivate: true }), publicOnly: new GuardedAgent({ allowPrivate: false }) };

export function guardedAgent(policy: DestinationPolicy): GuardedAgent {
  return policy.allowPrivate ? agents.allowed : agents.publicOnly;
}
