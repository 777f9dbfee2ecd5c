// What must change so WireGuard's peers equal the desired set: only the differences, removals
// first (an address freed by a removed peer can then go to another one).
import type { DumpPeer } from "../lib/wireguard/dump";
import { canonicalCidr, sameCidrSet } from "./cidr";
import type { DesiredPeer } from "./desired-peers";

export type ActualPeer = Pick<DumpPeer, "publicKey" | "presharedKey" | "allowedIps">;

export type PeerChange =
  | { kind: "remove"; publicKey: string }
  | { kind: "add"; publicKey: string; allowedIps: string[]; presharedKey: string | null }
  | {
      kind: "update";
      publicKey: string;
      allowedIps?: { from: string[]; to: string[] };
      /** The new preshared key (null removes it); absent when it is already right. */
      presharedKey?: string | null;
    };

/** Peers in `untouchable` are neither added, changed nor removed (their device could not be read). */
export function diffPeers(desired: readonly DesiredPeer[], actual: readonly ActualPeer[], untouchable: ReadonlySet<string> = new Set()): PeerChange[] {
  const wanted = new Map(desired.map((peer) => [peer.publicKey, peer]));
  const present = new Map(actual.map((peer) => [peer.publicKey, peer]));
  const removals: PeerChange[] = [];
  const updates: PeerChange[] = [];
  const additions: PeerChange[] = [];
  for (const peer of actual) {
    if (!wanted.has(peer.publicKey) && !untouchable.has(peer.publicKey)) removals.push({ kind: "remove", publicKey: peer.publicKey });
  }
  for (const peer of desired) {
    if (untouchable.has(peer.publicKey)) continue;
    const current = present.get(peer.publicKey);
    const allowedIps = peer.allowedIps.map(canonicalCidr);
    if (!current) {
      additions.push({ kind: "add", publicKey: peer.publicKey, allowedIps, presharedKey: peer.presharedKey });
      continue;
    }
    const update: Extract<PeerChange, { kind: "update" }> = { kind: "update", publicKey: peer.publicKey };
    if (!sameCidrSet(current.allowedIps, allowedIps)) update.allowedIps = { from: current.allowedIps.map(canonicalCidr), to: allowedIps };
    if (current.presharedKey !== peer.presharedKey) update.presharedKey = peer.presharedKey;
    if (update.allowedIps || update.presharedKey !== undefined) updates.push(update);
  }
  return [...removals, ...updates, ...additions];
}

/** One log line: the public key and what changed, never a preshared key. */
export function describePeerChange(change: PeerChange): string {
  const list = (cidrs: string[]) => (cidrs.length > 0 ? cidrs.join(", ") : "none");
  switch (change.kind) {
    case "remove":
      return `removed peer ${change.publicKey}`;
    case "add":
      return `added peer ${change.publicKey} (allowed IPs ${list(change.allowedIps)}; ${change.presharedKey ? "with" : "without"} preshared key)`;
    case "update": {
      const parts = [
        change.allowedIps && `allowed IPs ${list(change.allowedIps.from)} -> ${list(change.allowedIps.to)}`,
        change.presharedKey !== undefined && (change.presharedKey === null ? "preshared key removed" : "preshared key replaced"),
      ].filter(Boolean);
      return `updated peer ${change.publicKey}: ${parts.join("; ")}`;
    }
  }
}
