import { describe, expect, it } from "vitest";
import { describeNat, desiredNat, natRebuildScript, parseNatState, planNatChanges, type NatSource } from "./nft-nat";

const source = (fields: Partial<NatSource> = {}): NatSource => ({ interfaceName: "wg0", egressInterface: null, ipv4Network: "10.3.2.0/24", ipv6Network: "fd00::3:2:0/120", ...fields });

/** What `nft -j list table inet wiregui_nat` prints for a table holding these rules. */
function listing(rules: Array<{ comment?: string; chain?: string }>, chain: Record<string, unknown> = { type: "nat", hook: "postrouting", prio: 100 }) {
  return JSON.stringify({
    nftables: [
      { metainfo: { version: "1.0.6", json_schema_version: 1 } },
      { table: { family: "inet", name: "wiregui_nat", handle: 1 } },
      { chain: { family: "inet", table: "wiregui_nat", name: "postrouting", handle: 1, policy: "accept", ...chain } },
      ...rules.map((rule, index) => ({ rule: { family: "inet", table: "wiregui_nat", chain: rule.chain ?? "postrouting", handle: 2 + index, comment: rule.comment, expr: [] } })),
    ],
  });
}

describe("desiredNat", () => {
  it("masquerades each tunnel network leaving through any interface but the WireGuard one", () => {
    expect([...desiredNat(source())!.ruleTexts.values()]).toEqual([
      'ip saddr 10.3.2.0/24 oifname != "wg0" counter masquerade',
      'ip6 saddr fd00::3:2:0/120 oifname != "wg0" counter masquerade',
    ]);
  });

  it("limits masquerading to WG_EGRESS_INTERFACE when it is set", () => {
    expect([...desiredNat(source({ egressInterface: "eth0", ipv6Network: null }))!.ruleTexts.values()]).toEqual(['ip saddr 10.3.2.0/24 oifname "eth0" counter masquerade']);
  });

  it("wants no table at all with both families off", () => {
    expect(desiredNat(source({ ipv4Network: null, ipv6Network: null }))).toBeNull();
    expect(describeNat(source({ ipv4Network: null, ipv6Network: null }))).toMatch(/^off/);
  });

  it("writes a srcnat postrouting chain whose rules carry their keys", () => {
    const script = natRebuildScript(desiredNat(source())!);
    expect(script).toMatch(/^table inet wiregui_nat \{\}\ndelete table inet wiregui_nat\ntable inet wiregui_nat \{\n  chain postrouting \{\n    type nat hook postrouting priority srcnat; policy accept;\n/);
    expect(script).toMatch(/ip saddr 10\.3\.2\.0\/24 oifname != "wg0" counter masquerade comment "wiregui:nat:[0-9a-f]{16}"/);
  });
});

describe("planNatChanges", () => {
  const desired = desiredNat(source())!;
  const ours = desired.ruleKeys.map((key) => ({ comment: `wiregui:${key}` }));

  it("does nothing when the table holds exactly our rules", () => {
    expect(planNatChanges(desired, parseNatState(listing(ours)))).toEqual({ script: null, change: "none" });
  });

  it.each([
    ["the table is missing", null],
    ["a rule was deleted", parseNatState(listing(ours.slice(0, 1)))],
    ["a rule was added by hand", parseNatState(listing([...ours, {}]))],
    ["a rule is in another chain", parseNatState(listing([...ours, { chain: "other", comment: ours[0]!.comment }]))],
    ["the chain's hook changed", parseNatState(listing(ours, { type: "nat", hook: "prerouting", prio: 100 }))],
    ["the chain's priority changed", parseNatState(listing(ours, { type: "nat", hook: "postrouting", prio: 0 }))],
  ])("rebuilds the table atomically when %s", (_, actual) => {
    const plan = planNatChanges(desired, actual);
    expect(plan.change).toBe("rebuilt");
    expect(plan.script).toBe(natRebuildScript(desired));
  });

  it("rebuilds when the settings change (another egress interface: other rule keys)", () => {
    expect(planNatChanges(desiredNat(source({ egressInterface: "eth0" })), parseNatState(listing(ours))).change).toBe("rebuilt");
  });

  it("removes the table when masquerading is off, and does nothing when it is already gone", () => {
    expect(planNatChanges(null, parseNatState(listing(ours)))).toEqual({ script: "delete table inet wiregui_nat\n", change: "removed" });
    expect(planNatChanges(null, null)).toEqual({ script: null, change: "none" });
  });
});
