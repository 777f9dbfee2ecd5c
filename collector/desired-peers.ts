// The peers WireGuard should have, read from PostgreSQL: one per device, allowed IPs = the
// device's tunnel addresses, preshared key decrypted. A device that cannot be turned into a peer
// (undecryptable key, bad public key) is reported and left alone on the interface.
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { listDesiredPeers } from "../lib/db/devices";
import { isWireguardKey } from "../lib/wireguard/keys";
import { errorMessage } from "../lib/log";
import { hostCidr } from "./cidr";

export interface DesiredPeer {
  publicKey: string;
  /** A secret: compare it, never log it. */
  presharedKey: string | null;
  allowedIps: string[];
}

export interface UnusableDevice {
  deviceId: string;
  publicKey: string;
  reason: string;
}

export interface DesiredPeerSet {
  peers: DesiredPeer[];
  unusable: UnusableDevice[];
}

export interface DeviceRowForPeer {
  id: string;
  publicKey: string;
  presharedKeyEncrypted: string | null;
  ipv4: string | null;
  ipv6: string | null;
}

export function toDesiredPeers(rows: readonly DeviceRowForPeer[], openSecret: (sealed: string) => string): DesiredPeerSet {
  const result: DesiredPeerSet = { peers: [], unusable: [] };
  for (const row of rows) {
    if (!isWireguardKey(row.publicKey)) {
      result.unusable.push({ deviceId: row.id, publicKey: row.publicKey, reason: "its public key is not a WireGuard key" });
      continue;
    }
    let presharedKey: string | null = null;
    try {
      presharedKey = row.presharedKeyEncrypted ? openSecret(row.presharedKeyEncrypted) : null;
    } catch (error) {
      result.unusable.push({ deviceId: row.id, publicKey: row.publicKey, reason: `its preshared key cannot be read: ${errorMessage(error)}` });
      continue;
    }
    const allowedIps = [row.ipv4, row.ipv6].flatMap((address) => (address ? [hostCidr(address)] : []));
    result.peers.push({ publicKey: row.publicKey, presharedKey, allowedIps });
  }
  return result;
}

export async function loadDesiredPeers(db: Db, secretBox: SecretBox): Promise<DesiredPeerSet> {
  return toDesiredPeers(await listDesiredPeers(db), (sealed) => secretBox.open(sealed));
}
