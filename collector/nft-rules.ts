// Egress rules and client isolation as nftables: what the `inet wiregui` table should hold, what
// it holds (from `nft -j list table`), and the one transaction that turns the second into the
// first. Rules are told apart by their comment (rule id + a hash of the rule's text), so a pass
// compares short keys instead of parsing nft's expressions back.
//
// One table, because the isolation chains and the egress rules decide together: the `input` chain
// jumps to the egress rules (an accept rule opens the server's own services), and in `forward`
// the isolation drops come before them (an accept rule never undoes a switch that is off).
import { createHash } from "node:crypto";
import type { ClientIsolation } from "../lib/net/client-isolation";
import { canonicalCidr, ipFamily } from "../lib/net/ip";
import type { RuleDefinition } from "../lib/rules/schema";

export const NFT_TABLE = "wiregui";
const RULES_CHAIN = "egress";
const COMMENT_PREFIX = "wiregui:";

/** The hooked chains, with their hook as `nft -j` reads it back (type:hook:priority:policy). */
const BASE_CHAINS = [
  { name: "forward", declaration: "type filter hook forward priority filter; policy accept;", hookKey: "filter:forward:0:accept" },
  { name: "input", declaration: "type filter hook input priority filter; policy accept;", hookKey: "filter:input:0:accept" },
] as const;
type BaseChainName = (typeof BASE_CHAINS)[number]["name"];
const REGULAR_CHAIN = "regular";

export type EnforcedRule = RuleDefinition;

export interface RulesetSource {
  interfaceName: string;
  isolation: ClientIsolation;
  /** In evaluation order. */
  rules: readonly EnforcedRule[];
  /** Tunnel addresses of every device of each user a rule names. */
  userAddresses: ReadonlyMap<string, readonly string[]>;
}

export interface NftSet {
  type: "ipv4_addr" | "ipv6_addr";
  /** Sorted, canonical. */
  elements: string[];
}

export interface NftState {
  /**
   * Every chain's hook and, but for the rules chain, its rules' keys, in one string: a plan only
   * compares it whole. Null when the table holds no chain.
   */
  baseKey: string | null;
  sets: Map<string, NftSet>;
  /** Rule keys of the rules chain, in order. */
  ruleKeys: string[];
}

export interface DesiredRuleset extends NftState {
  baseKey: string;
  /** Rule text without the comment, by key. */
  ruleTexts: Map<string, string>;
  baseChains: Array<{ name: BaseChainName; declaration: string; rules: Array<{ key: string; text: string }> }>;
}

export const userSetName = (userId: string, family: 4 | 6) => `u${userId.replaceAll("-", "").slice(0, 16)}${family}`;

function quote(text: string): string {
  // Interface names are validated (no quotes), but a quote must never end the string early.
  return `"${text.replaceAll('"', "")}"`;
}

function ruleText(rule: EnforcedRule): string {
  const family = ipFamily(rule.destination.split("/")[0] ?? "");
  const ip = family === 4 ? "ip" : "ip6";
  const parts: string[] = [];
  if (rule.userId !== null) parts.push(`${ip} saddr @${userSetName(rule.userId, family)}`);
  parts.push(rule.destination.endsWith("/0") ? `meta nfproto ${family === 4 ? "ipv4" : "ipv6"}` : `${ip} daddr ${rule.destination}`);
  if (rule.portStart !== null) {
    parts.push(rule.protocol === "any" ? "meta l4proto { tcp, udp }" : `meta l4proto ${rule.protocol}`);
    parts.push(`th dport ${rule.portStart === rule.portEnd || rule.portEnd === null ? rule.portStart : `${rule.portStart}-${rule.portEnd}`}`);
  } else if (rule.protocol !== "any") {
    parts.push(`meta l4proto ${rule.protocol}`);
  }
  parts.push("counter", rule.action);
  return parts.join(" ");
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * forward: clients to clients dropped unless peer to peer is on, new connections from any other
 * interface to the clients dropped unless networks behind the server may reach them (replies pass),
 * then the egress rules. input (the server's own addresses, from the tunnel): replies, then the
 * egress rules, then ping to the server's tunnel addresses; everything else is dropped.
 */
function baseChainRules(interfaceName: string, isolation: ClientIsolation): Record<BaseChainName, string[]> {
  const tunnel = quote(interfaceName);
  const forward: string[] = [];
  if (!isolation.allowPeerToPeer) forward.push(`iifname ${tunnel} oifname ${tunnel} counter drop`);
  if (!isolation.allowServerNetworksToClients) forward.push(`iifname != ${tunnel} oifname ${tunnel} ct state != { established, related } counter drop`);
  forward.push(`iifname ${tunnel} jump ${RULES_CHAIN}`);
  const input = [`iifname ${tunnel} ct state { established, related } accept`, `iifname ${tunnel} jump ${RULES_CHAIN}`];
  for (const address of isolation.serverTunnelAddresses) {
    input.push(ipFamily(address) === 4 ? `iifname ${tunnel} ip daddr ${address} icmp type echo-request accept` : `iifname ${tunnel} ip6 daddr ${address} icmpv6 type echo-request accept`);
  }
  input.push(`iifname ${tunnel} counter drop`);
  return { forward, input };
}

const chainEntry = (name: string, hookKey: string, ruleKeys: readonly string[]) => `${name}[${hookKey}]${name === RULES_CHAIN ? "" : `:${ruleKeys.join(",")}`}`;
const chainsKey = (entries: string[]) => entries.sort().join(" | ");

export function desiredRuleset({ interfaceName, isolation, rules, userAddresses }: RulesetSource): DesiredRuleset {
  const sets = new Map<string, NftSet>();
  const ruleKeys: string[] = [];
  const ruleTexts = new Map<string, string>();
  for (const rule of rules) {
    const text = ruleText(rule);
    const key = `${rule.id}:${hash(text)}`;
    ruleKeys.push(key);
    ruleTexts.set(key, text);
    if (rule.userId === null) continue;
    const family = ipFamily(rule.destination.split("/")[0] ?? "");
    const name = userSetName(rule.userId, family);
    if (sets.has(name)) continue;
    const elements = (userAddresses.get(rule.userId) ?? []).map((address) => address.split("/")[0] ?? address).filter((address) => ipFamily(address) === family);
    sets.set(name, { type: family === 4 ? "ipv4_addr" : "ipv6_addr", elements: canonicalElements(elements) });
  }
  const chainRules = baseChainRules(interfaceName, isolation);
  const baseChains = BASE_CHAINS.map(({ name, declaration }) => ({ name, declaration, rules: chainRules[name].map((text) => ({ key: `${name}:${hash(text)}`, text })) }));
  const baseKey = chainsKey([
    chainEntry(RULES_CHAIN, REGULAR_CHAIN, []),
    ...BASE_CHAINS.map(({ name, hookKey }, index) => chainEntry(name, hookKey, baseChains[index]!.rules.map((rule) => rule.key))),
  ]);
  return { baseKey, sets, ruleKeys, ruleTexts, baseChains };
}

function canonicalElements(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((address) => canonicalCidr(address).split("/")[0] ?? address))].sort();
}

interface NftJsonObject {
  chain?: { table?: string; name?: string; type?: string; hook?: string; prio?: number; policy?: string };
  set?: { table?: string; name?: string; type?: string; elem?: unknown[] };
  rule?: { table?: string; chain?: string; comment?: string };
}

/** Reads `nft -j list table inet wiregui`; rules and sets that are not ours make the state unknown. */
export function parseNftState(json: string): NftState {
  const objects = (JSON.parse(json) as { nftables?: NftJsonObject[] }).nftables ?? [];
  const state: NftState = { baseKey: null, sets: new Map(), ruleKeys: [] };
  const chains = new Map<string, { hookKey: string; ruleKeys: string[] }>();
  for (const object of objects) {
    const chain = object.chain;
    if (chain?.table === NFT_TABLE && chain.name) {
      chains.set(chain.name, { hookKey: chain.hook ? `${chain.type}:${chain.hook}:${chain.prio}:${chain.policy}` : REGULAR_CHAIN, ruleKeys: chains.get(chain.name)?.ruleKeys ?? [] });
    }
    if (object.set?.table === NFT_TABLE && object.set.name) {
      const elements = (object.set.elem ?? []).map((element) => (typeof element === "string" ? element : JSON.stringify(element)));
      const type = object.set.type === "ipv6_addr" ? "ipv6_addr" : "ipv4_addr";
      state.sets.set(object.set.name, { type, elements: canonicalElements(elements.filter(isAddress)) });
      // An element we did not write (a range, a prefix) can only be fixed by rewriting the set.
      if (elements.some((element) => !isAddress(element))) state.sets.set(object.set.name, { type, elements: ["(foreign)"] });
    }
    const rule = object.rule;
    if (rule?.table !== NFT_TABLE) continue;
    const key = rule.comment?.startsWith(COMMENT_PREFIX) ? rule.comment.slice(COMMENT_PREFIX.length) : `(foreign rule)`;
    if (rule.chain === RULES_CHAIN) state.ruleKeys.push(key);
    else if (rule.chain) chains.get(rule.chain)?.ruleKeys.push(key);
  }
  if (chains.size > 0) state.baseKey = chainsKey([...chains].map(([name, chain]) => chainEntry(name, chain.hookKey, chain.ruleKeys)));
  return state;
}

function isAddress(text: string): boolean {
  try {
    ipFamily(text);
    return true;
  } catch {
    return false;
  }
}

const setDeclaration = (name: string, set: NftSet) => `set ${name} { type ${set.type};${set.elements.length > 0 ? ` elements = { ${set.elements.join(", ")} }` : ""} }`;
const comment = (key: string) => `comment ${quote(`${COMMENT_PREFIX}${key}`)}`;

/** The whole table, replaced atomically (the first pass after a start, or a table in an unknown shape). */
export function rebuildScript(desired: DesiredRuleset): string {
  const lines = [`table inet ${NFT_TABLE} {}`, `delete table inet ${NFT_TABLE}`, `table inet ${NFT_TABLE} {`];
  for (const [name, set] of desired.sets) lines.push(`  ${setDeclaration(name, set)}`);
  lines.push(`  chain ${RULES_CHAIN} {`);
  for (const key of desired.ruleKeys) lines.push(`    ${desired.ruleTexts.get(key)} ${comment(key)}`);
  lines.push("  }");
  for (const chain of desired.baseChains) {
    lines.push(`  chain ${chain.name} {`, `    ${chain.declaration}`);
    for (const rule of chain.rules) lines.push(`    ${rule.text} ${comment(rule.key)}`);
    lines.push("  }");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

export interface RulesetChanges {
  /** Null: nothing differs. */
  script: string | null;
  isRebuild: boolean;
  summary: { setsChanged: number; rulesRewritten: boolean };
}

/**
 * Only what differs: set elements added/removed, the rules chain rewritten when its rules differ.
 * Anything else that differs (a hooked chain, its rules: the isolation settings) rebuilds the table.
 */
export function planRulesetChanges(desired: DesiredRuleset, actual: NftState | null): RulesetChanges {
  if (actual === null || actual.baseKey !== desired.baseKey || [...actual.sets.values()].some((set) => set.elements.includes("(foreign)"))) {
    return { script: rebuildScript(desired), isRebuild: true, summary: { setsChanged: desired.sets.size, rulesRewritten: true } };
  }
  const lines: string[] = [];
  const table = `inet ${NFT_TABLE}`;
  let setsChanged = 0;
  for (const [name, set] of desired.sets) {
    const current = actual.sets.get(name);
    if (current && current.type !== set.type) return planRulesetChanges(desired, null);
    if (!current) lines.push(`add ${setDeclaration(name, { ...set, elements: [] }).replace(/^set /, `set ${table} `)}`);
    const have = new Set(current?.elements ?? []);
    const want = new Set(set.elements);
    const added = set.elements.filter((element) => !have.has(element));
    const removed = [...have].filter((element) => !want.has(element));
    if (added.length > 0) lines.push(`add element ${table} ${name} { ${added.join(", ")} }`);
    if (removed.length > 0) lines.push(`delete element ${table} ${name} { ${removed.join(", ")} }`);
    if (!current || added.length > 0 || removed.length > 0) setsChanged += 1;
  }
  const rulesRewritten = actual.ruleKeys.join("\n") !== desired.ruleKeys.join("\n");
  if (rulesRewritten) {
    // One transaction: the chain is never seen half-written.
    lines.push(`flush chain ${table} ${RULES_CHAIN}`);
    for (const key of desired.ruleKeys) lines.push(`add rule ${table} ${RULES_CHAIN} ${desired.ruleTexts.get(key)} ${comment(key)}`);
  }
  // After the flush: a set still referenced by a rule cannot be deleted.
  const stale = [...actual.sets.keys()].filter((name) => !desired.sets.has(name));
  if (stale.length > 0 && !rulesRewritten) return planRulesetChanges(desired, null);
  for (const name of stale) lines.push(`delete set ${table} ${name}`);
  setsChanged += stale.length;
  return { script: lines.length > 0 ? `${lines.join("\n")}\n` : null, isRebuild: false, summary: { setsChanged, rulesRewritten } };
}
