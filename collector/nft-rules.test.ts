import { describe, expect, it } from "vitest";
import { desiredRuleset, parseNftState, planRulesetChanges, rebuildScript, userSetName, type EnforcedRule } from "./nft-rules";

const ann = "11111111-2222-3333-4444-555555555555";
const rule = (fields: Partial<EnforcedRule>): EnforcedRule => ({ id: "r1", action: "drop", destination: "10.0.0.0/8", protocol: "any", portStart: null, portEnd: null, userId: null, ...fields });

function desired(rules: EnforcedRule[], addresses: Record<string, string[]> = {}) {
  return desiredRuleset({ interfaceName: "wg0", rules, userAddresses: new Map(Object.entries(addresses)) });
}

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

describe("rebuildScript", () => {
  it("replaces the whole table in one transaction, hooked to the WireGuard interface only", () => {
    const script = rebuildScript(desired([rule({ userId: ann })], { [ann]: [] }), "wg0");
    expect(script.split("\n").slice(0, 3)).toEqual(["table inet wiregui {}", "delete table inet wiregui", "table inet wiregui {"]);
    expect(script).toContain(`set ${userSetName(ann, 4)} { type ipv4_addr; }`);
    expect(script).toContain('iifname "wg0" jump egress comment "wiregui:base:wg0"');
    expect(script).toContain("type filter hook forward priority filter; policy accept;");
  });
});

// What `nft -j list table inet wiregui` prints for a table in the given state.
function nftJson(ruleKeys: string[], sets: Record<string, string[]>, base = "base:wg0") {
  return JSON.stringify({
    nftables: [
      { metainfo: { version: "1.0.6" } },
      { table: { family: "inet", name: "wiregui" } },
      ...Object.entries(sets).map(([name, elem]) => ({ set: { family: "inet", table: "wiregui", name, type: "ipv4_addr", elem } })),
      ...ruleKeys.map((key) => ({ rule: { family: "inet", table: "wiregui", chain: "egress", comment: `wiregui:${key}`, expr: [] } })),
      { rule: { family: "inet", table: "wiregui", chain: "forward", comment: `wiregui:${base}`, expr: [] } },
    ],
  });
}

describe("planRulesetChanges", () => {
  const rules = [rule({ id: "a", userId: ann }), rule({ id: "b", destination: "192.168.0.0/16" })];
  const want = desired(rules, { [ann]: ["10.3.2.2", "10.3.2.3"] });
  const setName = userSetName(ann, 4);

  it("does nothing when the table matches", () => {
    const actual = parseNftState(nftJson(want.ruleKeys, { [setName]: ["10.3.2.3", "10.3.2.2"] }));
    expect(planRulesetChanges(want, actual, "wg0").script).toBeNull();
  });

  it("changes only set elements when only a device's address changed", () => {
    const actual = parseNftState(nftJson(want.ruleKeys, { [setName]: ["10.3.2.2", "10.3.2.9"] }));
    const plan = planRulesetChanges(want, actual, "wg0");
    expect(plan.script).toBe(`add element inet wiregui ${setName} { 10.3.2.3 }\ndelete element inet wiregui ${setName} { 10.3.2.9 }\n`);
    expect(plan.summary).toEqual({ setsChanged: 1, rulesRewritten: false });
  });

  it("rewrites the rules chain in the same transaction when the rules differ", () => {
    const actual = parseNftState(nftJson([want.ruleKeys[1]!, want.ruleKeys[0]!], { [setName]: ["10.3.2.2", "10.3.2.3"] }));
    const lines = planRulesetChanges(want, actual, "wg0").script?.trim().split("\n");
    expect(lines?.[0]).toBe("flush chain inet wiregui egress");
    expect(lines?.slice(1).map((line) => line.split(" comment ")[1])).toEqual(want.ruleKeys.map((key) => `"wiregui:${key}"`));
  });

  it("deletes sets no rule needs, after the rules that used them", () => {
    const actual = parseNftState(nftJson(["old:1"], { uold4: ["10.3.2.5"], [setName]: ["10.3.2.2", "10.3.2.3"] }));
    const lines = planRulesetChanges(want, actual, "wg0").script?.trim().split("\n") ?? [];
    expect(lines.at(-1)).toBe("delete set inet wiregui uold4");
    expect(lines.indexOf("flush chain inet wiregui egress")).toBeLessThan(lines.length - 1);
  });

  it("rebuilds a missing table, one hooked to another interface, or one with rules we did not write", () => {
    expect(planRulesetChanges(want, null, "wg0").isRebuild).toBe(true);
    expect(planRulesetChanges(want, parseNftState(nftJson(want.ruleKeys, { [setName]: ["10.3.2.2", "10.3.2.3"] }, "base:wg1")), "wg0").isRebuild).toBe(true);
    const foreign = JSON.parse(nftJson(want.ruleKeys, { [setName]: ["10.3.2.2", "10.3.2.3"] })) as { nftables: object[] };
    foreign.nftables.push({ rule: { table: "wiregui", chain: "egress", expr: [] } });
    const plan = planRulesetChanges(want, parseNftState(JSON.stringify(foreign)), "wg0");
    expect(plan.isRebuild).toBe(false);
    expect(plan.summary.rulesRewritten).toBe(true);
  });
});
