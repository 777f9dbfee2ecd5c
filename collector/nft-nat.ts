// Source NAT for full-tunnel clients: the `inet wiregui_nat` table masquerades traffic from the
// tunnel networks that leaves through another interface than the WireGuard one (or only through
// WG_EGRESS_INTERFACE), so destinations with no route back to the tunnel can answer. The table is
// small: a pass compares rule keys (a hash of each rule's text, kept in its comment) and the
// chain's hook, and rewrites the whole table atomically when anything differs.
import { createHash } from "node:crypto";
import { canonicalCidr } from "../lib/net/ip";

export const NAT_TABLE = "wiregui_nat";
const NAT_CHAIN = "postrouting";
const COMMENT_PREFIX = "wiregui:";
// `priority srcnat` as nft -j reads it back.
const SRCNAT_PRIORITY = 100;
const CHAIN_KEY = `nat:postrouting:${SRCNAT_PRIORITY}`;

export interface NatSource {
  interfaceName: string;
  /** Null: masquerade through every interface but the WireGuard one. */
  egressInterface: string | null;
  /** The tunnel networks to masquerade; null for a family that is switched off. */
  ipv4Network: string | null;
  ipv6Network: string | null;
}

export interface NatState {
  /** The base chain's type, hook and priority; null when the chain is missing. */
  chainKey: string | null;
  ruleKeys: string[];
}

export interface DesiredNat {
  ruleKeys: string[];
  ruleTexts: Map<string, string>;
}

function quote(text: string): string {
  // Interface names are validated (no quotes), but a quote must never end the string early.
  return `"${text.replaceAll('"', "")}"`;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Null when both families are off: the table must not exist. */
export function desiredNat({ interfaceName, egressInterface, ipv4Network, ipv6Network }: NatSource): DesiredNat | null {
  const output = egressInterface === null ? `oifname != ${quote(interfaceName)}` : `oifname ${quote(egressInterface)}`;
  const texts: string[] = [];
  if (ipv4Network !== null) texts.push(`ip saddr ${canonicalCidr(ipv4Network)} ${output} counter masquerade`);
  if (ipv6Network !== null) texts.push(`ip6 saddr ${canonicalCidr(ipv6Network)} ${output} counter masquerade`);
  if (texts.length === 0) return null;
  const ruleTexts = new Map(texts.map((text) => [`nat:${hash(text)}`, text]));
  return { ruleKeys: [...ruleTexts.keys()], ruleTexts };
}

interface NftJsonObject {
  chain?: { table?: string; name?: string; type?: string; hook?: string; prio?: number };
  rule?: { table?: string; chain?: string; comment?: string };
}

/** Reads `nft -j list table inet wiregui_nat`; anything we did not write gets a key no plan has. */
export function parseNatState(json: string): NatState {
  const objects = (JSON.parse(json) as { nftables?: NftJsonObject[] }).nftables ?? [];
  const state: NatState = { chainKey: null, ruleKeys: [] };
  let chains = 0;
  for (const object of objects) {
    const chain = object.chain;
    if (chain?.table === NAT_TABLE) {
      chains += 1;
      state.chainKey = chain.name === NAT_CHAIN ? `${chain.type}:${chain.hook}:${chain.prio}` : "(foreign chain)";
    }
    const rule = object.rule;
    if (rule?.table !== NAT_TABLE) continue;
    state.ruleKeys.push(rule.chain === NAT_CHAIN && rule.comment?.startsWith(COMMENT_PREFIX) ? rule.comment.slice(COMMENT_PREFIX.length) : "(foreign rule)");
  }
  if (chains > 1) state.chainKey = "(several chains)";
  return state;
}

export function natRebuildScript(desired: DesiredNat): string {
  const lines = [`table inet ${NAT_TABLE} {}`, `delete table inet ${NAT_TABLE}`, `table inet ${NAT_TABLE} {`, `  chain ${NAT_CHAIN} {`];
  lines.push("    type nat hook postrouting priority srcnat; policy accept;");
  for (const key of desired.ruleKeys) lines.push(`    ${desired.ruleTexts.get(key)} comment ${quote(`${COMMENT_PREFIX}${key}`)}`);
  lines.push("  }", "}");
  return `${lines.join("\n")}\n`;
}

export type NatChange = "none" | "rebuilt" | "removed";

/** The one transaction that makes the table what it should be (null: nothing differs). */
export function planNatChanges(desired: DesiredNat | null, actual: NatState | null): { script: string | null; change: NatChange } {
  if (desired === null) {
    return actual === null ? { script: null, change: "none" } : { script: `delete table inet ${NAT_TABLE}\n`, change: "removed" };
  }
  if (actual !== null && actual.chainKey === CHAIN_KEY && actual.ruleKeys.join("\n") === desired.ruleKeys.join("\n")) return { script: null, change: "none" };
  return { script: natRebuildScript(desired), change: "rebuilt" };
}

/** For logs and the diagnostics page: "IPv4 10.3.2.0/24, IPv6 off, leaving through any interface but wg0". */
export function describeNat({ interfaceName, egressInterface, ipv4Network, ipv6Network }: NatSource): string {
  if (ipv4Network === null && ipv6Network === null) return "off (WG_IPV4_MASQUERADE and WG_IPV6_MASQUERADE are false)";
  const where = egressInterface === null ? `leaving through any interface but ${interfaceName}` : `leaving through ${egressInterface}`;
  return `IPv4 ${ipv4Network ?? "off"}, IPv6 ${ipv6Network ?? "off"}, ${where}`;
}
