// Client isolation (Settings → Security) as the collector enforces it in nftables, shared with the
// diagnostics page so both describe it in the same words.
import { gatewayAddress } from "./allocate";

export interface ClientIsolation {
  allowPeerToPeer: boolean;
  allowServerNetworksToClients: boolean;
  /** The server's own tunnel addresses (the gateways): clients may always ping them. */
  serverTunnelAddresses: readonly string[];
}

export function clientIsolationOf(configuration: { allowPeerToPeer: boolean; allowServerNetworksToClients: boolean; ipv4Network: string; ipv6Network: string }): ClientIsolation {
  return {
    allowPeerToPeer: configuration.allowPeerToPeer,
    allowServerNetworksToClients: configuration.allowServerNetworksToClients,
    serverTunnelAddresses: [gatewayAddress(configuration.ipv4Network), gatewayAddress(configuration.ipv6Network)],
  };
}

/** "peer to peer off; networks behind the server to clients off (replies pass); the server's own addresses: …" */
export function describeClientIsolation({ allowPeerToPeer, allowServerNetworksToClients, serverTunnelAddresses }: ClientIsolation): string {
  return (
    `peer to peer ${allowPeerToPeer ? "on" : "off"}; networks behind the server to clients ${allowServerNetworksToClients ? "on" : "off (replies pass)"}; ` +
    `the server's own addresses: ping to ${serverTunnelAddresses.join(", ")} and what egress rules accept`
  );
}
