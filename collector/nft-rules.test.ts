import { describe, expect, it } from "vitest";
import type { ClientIsolation } from "../lib/net/client-isolation";
import { desiredRuleset, parseNftState, planRulesetChanges, rebuildScript, userSetName, type DesiredRuleset, type EnforcedRule } from "./nft-rules";

const ann = "11111111-2222-3333-4444-555555555555";
const rule = (fields: Partial<EnforcedRule>): EnforcedRule => ({ id: "r1", action: "drop", destination: "10.0.0.0/8", protocol: "any", portStart: null, portEnd: null, userId: null, ...fields });

const isolated: ClientIsolation = { allowPeerToPeer: false, allowServerNetworksToClients: false, serverTunnelAddresses: ["10.3.2.1", "fd00::3:2:1"] };

function desired(rules: EnforcedRule[], addresses: Record<string, string[]> = {}, isolation: Partial<ClientIsolation> = {}) {
  return desiredRuleset({ interfaceName: "wg0", isolation: { ...isolated, ...isolation }, rules, userAddresses: new Map(Object.entries(addresses)) });
}

const chainRules = (set: DesiredRuleset, name: string) => set.baseChains.find((chain) => chain.name === name)?.rules.map((rule) => rule.text);

describe("desiredRuleset", () => {
  it("renders each rule's match in nftables terms", () => {
    const set = desired([
      rule({ id: "a", protocol: "tcp", portStart: 22, portEnd: 22 }),
      rule({ id: "b", action: "accept", destination: "fd00::/8", protocol: "any", portStart: 53, portEnd: 53, userId: ann }),
      rule({ id: "c", destination: "0.0.0.0/0", protocol: "udp" }),
      rule({ id: "d", destination: "198.51.100.0/24", portStart: 8000, portEnd: 8100, protocol: "udp", userId: ann }),
    ], { [ann]: ["10.3.2.7", "fd00::3:2:7", "10.3.2.3"] });
    expect([...set.ruleTexts.values()]).toEqual([
      "ip daddr 10.0.0.0/8 meta l4proto tcp th dport 22 counter drop",
      `ip6 saddr @${userSetName(ann, 6)} ip6 daddr fd00::/8 meta l4proto { tcp, udp } th dport 53 counter accept`,
      "meta nfproto ipv4 meta l4proto udp counter drop",
      `ip saddr @${userSetName(ann, 4)} ip daddr 198.51.100.0/24 meta l4proto udp th dport 8000-8100 counter drop`,
    ]);
    expect(set.sets.get(userSetName(ann, 4))).toEqual({ type: "ipv4_addr", elements: ["10.3.2.3", "10.3.2.7"] });
    expect(set.sets.get(userSetName(ann, 6))).toEqual({ type: "ipv6_addr", elements: ["fd00::3:2:7"] });
    expect(set.ruleKeys[0]).toMatch(/^a:[0-9a-f]{16}$/);
  });

  it("keys a rule by its id and text, so an edit changes the key", () => {
    const [before] = desired([rule({})]).ruleKeys;
    const [after] = desired([rule({ action: "accept" })]).ruleKeys;
    expect(before).not.toBe(after);
    expect(desired([rule({})]).ruleKeys[0]).toBe(before);
  });
});

describe("client isolation", () => {
  it("by default drops client to client traffic and new connections to the clients from other interfaces, before the egress rules", () => {
    expect(chainRules(desired([]), "forward")).toEqual([
      'iifname "wg0" oifname "wg0" counter drop',
      'iifname != "wg0" oifname "wg0" ct state != { established, related } counter drop',
      'iifname "wg0" jump egress',
    ]);
  });

  it("leaves out each drop whose switch is on; the egress rules still apply", () => {
    expect(chainRules(desired([], {}, { allowPeerToPeer: true }), "forward")).toEqual(['iifname != "wg0" oifname "wg0" ct state != { established, related } counter drop', 'iifname "wg0" jump egress']);
    expect(chainRules(desired([], {}, { allowPeerToPeer: true, allowServerNetworksToClients: true }), "forward")).toEqual(['iifname "wg0" jump egress']);
  });

  it("lets clients reach the server itself only with replies, what egress rules accept and ping to its tunnel addresses", () => {
    expect(chainRules(desired([]), "input")).toEqual([
      'iifname "wg0" ct state { established, related } accept',
      'iifname "wg0" jump egress',
      'iifname "wg0" ip daddr 10.3.2.1 icmp type echo-request accept',
      'iifname "wg0" ip6 daddr fd00::3:2:1 icmpv6 type echo-request accept',
      'iifname "wg0" counter drop',
    ]);
    // The switches are about forwarded traffic only.
    expect(chainRules(desired([], {}, { allowPeerToPeer: true, allowServerNetworksToClients: true }), "input")).toEqual(chainRules(desired([]), "input"));
  });
});

describe("rebuildScript", () => {
  it("replaces the whole table in one transaction, hooked to the WireGuard interface only", () => {
    const script = rebuildScript(desired([rule({ userId: ann })], { [ann]: [] }));
    expect(script.split("\n").slice(0, 3)).toEqual(["table inet wiregui {}", "delete table inet wiregui", "table inet wiregui {"]);
    expect(script).toContain(`set ${userSetName(ann, 4)} { type ipv4_addr; }`);
    expect(script).toMatch(/ {2}chain forward \{\n {4}type filter hook forward priority filter; policy accept;\n {4}iifname "wg0" oifname "wg0" counter drop comment "wiregui:forward:[0-9a-f]{16}"\n/);
    expect(script).toMatch(/ {2}chain input \{\n {4}type filter hook input priority filter; policy accept;\n {4}iifname "wg0" ct state \{ established, related \} accept comment "wiregui:input:[0-9a-f]{16}"\n/);
    expect(script).toMatch(/iifname "wg0" jump egress comment "wiregui:forward:[0-9a-f]{16}"/);
  });
});

interface Listing {
  sets?: Record<string, string[]>;
  /** Egress chain rule keys; the desired ones when left out. */
  ruleKeys?: string[];
  /** Replaces the hooked chains' rules, by chain. */
  baseRules?: Record<string, string[]>;
  hooks?: Record<string, { hook: string; prio: number; policy: string }>;
  /** Hooked chains left out. */
  omit?: string[];
  extra?: object[];
}

// What `nft -j list table inet wiregui` prints for the table `want` describes, changed as given.
function nftJson(want: DesiredRuleset, { sets = {}, ruleKeys = want.ruleKeys, baseRules = {}, hooks = {}, omit = [], extra = [] }: Listing = {}) {
  const baseChains = want.baseChains.filter((base) => !omit.includes(base.name));
  const chain = (name: string, hook?: object) => ({ chain: { family: "inet", table: "wiregui", name, handle: 1, ...(hook ? { type: "filter", ...hook } : {}) } });
  const ruleObject = (chainName: string, key: string) => ({ rule: { family: "inet", table: "wiregui", chain: chainName, comment: `wiregui:${key}`, expr: [] } });
  return JSON.stringify({
    nftables: [
      { metainfo: { version: "1.0.6" } },
      { table: { family: "inet", name: "wiregui" } },
      ...Object.entries(sets).map(([name, elem]) => ({ set: { family: "inet", table: "wiregui", name, type: "ipv4_addr", elem } })),
      chain("egress"),
      ...baseChains.map((base) => chain(base.name, hooks[base.name] ?? { hook: base.name, prio: 0, policy: "accept" })),
      ...ruleKeys.map((key) => ruleObject("egress", key)),
      ...baseChains.flatMap((base) => (baseRules[base.name] ?? base.rules.map((item) => item.key)).map((key) => ruleObject(base.name, key))),
      ...extra,
    ],
  });
}

describe("planRulesetChanges", () => {
  const rules = [rule({ id: "a", userId: ann }), rule({ id: "b", destination: "192.168.0.0/16" })];
  const want = desired(rules, { [ann]: ["10.3.2.2", "10.3.2.3"] });
  const setName = userSetName(ann, 4);

  it("does nothing when the table matches", () => {
    const actual = parseNftState(nftJson(want, { sets: { [setName]: ["10.3.2.3", "10.3.2.2"] } }));
    expect(planRulesetChanges(want, actual).script).toBeNull();
  });

  it("changes only set elements when only a device's address changed", () => {
    const actual = parseNftState(nftJson(want, { sets: { [setName]: ["10.3.2.2", "10.3.2.9"] } }));
    const plan = planRulesetChanges(want, actual);
    expect(plan.script).toBe(`add element inet wiregui ${setName} { 10.3.2.3 }\ndelete element inet wiregui ${setName} { 10.3.2.9 }\n`);
    expect(plan.summary).toEqual({ setsChanged: 1, rulesRewritten: false });
  });

  it("rewrites the rules chain in the same transaction when the rules differ", () => {
    const actual = parseNftState(nftJson(want, { ruleKeys: [want.ruleKeys[1]!, want.ruleKeys[0]!], sets: { [setName]: ["10.3.2.2", "10.3.2.3"] } }));
    const lines = planRulesetChanges(want, actual).script?.trim().split("\n");
    expect(lines?.[0]).toBe("flush chain inet wiregui egress");
    expect(lines?.slice(1).map((line) => line.split(" comment ")[1])).toEqual(want.ruleKeys.map((key) => `"wiregui:${key}"`));
  });

  it("deletes sets no rule needs, after the rules that used them", () => {
    const actual = parseNftState(nftJson(want, { ruleKeys: ["old:1"], sets: { uold4: ["10.3.2.5"], [setName]: ["10.3.2.2", "10.3.2.3"] } }));
    const lines = planRulesetChanges(want, actual).script?.trim().split("\n") ?? [];
    expect(lines.at(-1)).toBe("delete set inet wiregui uold4");
    expect(lines.indexOf("flush chain inet wiregui egress")).toBeLessThan(lines.length - 1);
  });

  it("rewrites only the rules chain when it holds a rule we did not write", () => {
    const sets = { [setName]: ["10.3.2.2", "10.3.2.3"] };
    const plan = planRulesetChanges(want, parseNftState(nftJson(want, { sets, extra: [{ rule: { table: "wiregui", chain: "egress", expr: [] } }] })));
    expect(plan.isRebuild).toBe(false);
    expect(plan.summary.rulesRewritten).toBe(true);
  });

  const sets = { [setName]: ["10.3.2.2", "10.3.2.3"] };
  const forwardKeys = want.baseChains[0]!.rules.map((item) => item.key);
  it.each<[string, Listing | null]>([
    ["the table is missing", null],
    ["a hooked chain's rule was deleted (peer to peer let through by hand)", { sets, baseRules: { forward: forwardKeys.slice(1) } }],
    ["a hooked chain holds a rule we did not write", { sets, baseRules: { input: ["(foreign rule)", ...want.baseChains[1]!.rules.map((item) => item.key)] } }],
    ["the input chain is missing", { sets, omit: ["input"] }],
    ["a chain is hooked elsewhere", { sets, hooks: { input: { hook: "output", prio: 0, policy: "accept" } } }],
    ["a chain's policy was changed", { sets, hooks: { forward: { hook: "forward", prio: 0, policy: "drop" } } }],
    ["a chain's priority was changed", { sets, hooks: { input: { hook: "input", prio: -10, policy: "accept" } } }],
    ["a chain was added", { sets, extra: [{ chain: { family: "inet", table: "wiregui", name: "mine", handle: 9 } }] }],
  ])("rebuilds the table atomically when %s", (_, listing) => {
    const plan = planRulesetChanges(want, listing === null ? null : parseNftState(nftJson(want, listing)));
    expect(plan.isRebuild).toBe(true);
    expect(plan.script).toBe(rebuildScript(want));
  });

  it("rebuilds when a switch changed or the table was written for another interface (the hooked chains' rules differ)", () => {
    const actual = parseNftState(nftJson(want, { sets }));
    expect(planRulesetChanges(desired(rules, { [ann]: ["10.3.2.2", "10.3.2.3"] }, { allowPeerToPeer: true }), actual).isRebuild).toBe(true);
    expect(planRulesetChanges(desired(rules, { [ann]: ["10.3.2.2", "10.3.2.3"] }, { allowServerNetworksToClients: true }), actual).isRebuild).toBe(true);
    const otherInterface = desiredRuleset({ interfaceName: "wg1", isolation: isolated, rules, userAddresses: new Map([[ann, ["10.3.2.2", "10.3.2.3"]]]) });
    expect(planRulesetChanges(otherInterface, actual).isRebuild).toBe(true);
  });

  it("rebuilds a table written before client isolation (one forward rule, no input chain)", () => {
    const old = JSON.stringify({
      nftables: [
        { chain: { family: "inet", table: "wiregui", name: "egress", handle: 1 } },
        { chain: { family: "inet", table: "wiregui", name: "forward", handle: 2, type: "filter", hook: "forward", prio: 0, policy: "accept" } },
        ...want.ruleKeys.map((key) => ({ rule: { table: "wiregui", chain: "egress", comment: `wiregui:${key}` } })),
        { rule: { table: "wiregui", chain: "forward", comment: "wiregui:base:wg0" } },
      ],
    });
    expect(planRulesetChanges(want, parseNftState(old)).isRebuild).toBe(true);
  });
});
