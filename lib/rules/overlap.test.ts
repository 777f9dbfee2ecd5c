import { describe, expect, it } from "vitest";
import { analyseRule, explainRuleSet, ruleCovers, rulesOverlap, type OrderedRule } from "./overlap";

let sequence = 0;
function rule(fields: Partial<OrderedRule>): OrderedRule {
  sequence += 1;
  return {
    id: `r${sequence}`,
    action: "drop",
    destination: "10.0.0.0/8",
    protocol: "any",
    portStart: null,
    portEnd: null,
    userId: null,
    userEmail: null,
    priority: 100,
    createdAt: new Date(1_000 + sequence),
    ...fields,
  };
}
const label = (saved: OrderedRule) => `rule ${saved.id}`;
const kinds = (candidate: OrderedRule, others: OrderedRule[]) => analyseRule(candidate, others, label).map((overlap) => overlap.kind);

describe("rulesOverlap / ruleCovers", () => {
  it("compares scope, destination, protocol and ports", () => {
    const tcp80 = rule({ protocol: "tcp", portStart: 80, portEnd: 80 });
    expect(rulesOverlap(tcp80, rule({ protocol: "udp", portStart: 80, portEnd: 80 }))).toBe(false);
    expect(rulesOverlap(tcp80, rule({ protocol: "tcp", portStart: 81, portEnd: 90 }))).toBe(false);
    expect(rulesOverlap(tcp80, rule({ protocol: "any", portStart: 1, portEnd: 100 }))).toBe(true);
    expect(rulesOverlap(tcp80, rule({ destination: "192.168.0.0/16" }))).toBe(false);
    expect(rulesOverlap(tcp80, rule({ destination: "::/0" }))).toBe(false);
    expect(rulesOverlap(rule({ userId: "a" }), rule({ userId: "b" }))).toBe(false);
    expect(rulesOverlap(rule({ userId: "a" }), rule({ userId: null }))).toBe(true);

    expect(ruleCovers(rule({}), tcp80)).toBe(true);
    expect(ruleCovers(tcp80, rule({}))).toBe(false);
    // "any" with ports is TCP and UDP only: it does not cover "any" without ports (ICMP...).
    expect(ruleCovers(rule({ portStart: 1, portEnd: 65535 }), rule({}))).toBe(false);
    expect(ruleCovers(rule({ userId: "a" }), rule({ userId: null }))).toBe(false);
    expect(ruleCovers(rule({ userId: null, destination: "10.1.0.0/16" }), rule({ userId: "a", destination: "10.1.2.0/24" }))).toBe(true);
  });
});

describe("analyseRule", () => {
  it("refuses nothing but reports exact duplicates", () => {
    const saved = rule({ protocol: "tcp", portStart: 22, portEnd: 22 });
    expect(kinds(rule({ protocol: "tcp", portStart: 22, portEnd: 22 }), [saved])).toEqual(["duplicate"]);
  });

  it("says when the new rule can never apply, naming the earlier rule", () => {
    const saved = rule({ priority: 10, action: "drop", destination: "10.0.0.0/8" });
    const candidate = rule({ priority: 20, action: "accept", destination: "10.1.0.0/16", protocol: "tcp", portStart: 443, portEnd: 443 });
    const [overlap] = analyseRule(candidate, [saved], label);
    expect(overlap?.kind).toBe("never-applies");
    expect(overlap?.message).toBe(`never applies: rule ${saved.id} (drop 10.0.0.0/8 any protocol, every user) drops all of this traffic first`);
  });

  it("says when the new rule overrides a later one, or makes it redundant", () => {
    const later = rule({ priority: 50, action: "accept", destination: "10.1.0.0/16" });
    expect(kinds(rule({ priority: 10, action: "drop" }), [later])).toEqual(["overrides"]);
    expect(kinds(rule({ priority: 10, action: "accept" }), [later])).toEqual(["makes-redundant"]);
    expect(kinds(rule({ priority: 90, action: "accept", destination: "10.1.2.0/24" }), [later])).toEqual(["redundant"]);
  });

  it("explains a partial contradiction with the traffic both match and which rule wins", () => {
    const saved = rule({ priority: 10, action: "drop", protocol: "tcp", portStart: 8000, portEnd: 8100, destination: "10.0.0.0/8" });
    const candidate = rule({ priority: 20, action: "accept", protocol: "any", portStart: 8050, portEnd: 9000, destination: "10.2.0.0/16", userId: "u1", userEmail: "ann@example.com" });
    const [overlap] = analyseRule(candidate, [saved], label);
    expect(overlap?.kind).toBe("conflicts");
    expect(overlap?.message).toContain("for 10.2.0.0/16 TCP ports 8050-8100, ann@example.com");
    expect(overlap?.message).toContain(`there rule ${saved.id} comes first and drops it`);
  });

  it("ignores harmless overlaps and the rule's own saved version", () => {
    const saved = rule({ action: "drop", protocol: "tcp", portStart: 1, portEnd: 100 });
    expect(kinds(rule({ action: "drop", protocol: "tcp", portStart: 50, portEnd: 200 }), [saved])).toEqual([]);
    expect(kinds({ ...saved, priority: 1 }, [saved])).toEqual([]);
  });

  it("orders equal priorities by age", () => {
    const older = rule({ priority: 10, action: "drop" });
    const newer = rule({ priority: 10, action: "accept", destination: "10.1.0.0/16" });
    expect(kinds(newer, [older])).toEqual(["never-applies"]);
  });
});

describe("explainRuleSet", () => {
  it("notes only what each rule loses to earlier rules", () => {
    const first = rule({ priority: 10, action: "drop", destination: "10.0.0.0/8" });
    const shadowed = rule({ priority: 20, action: "accept", destination: "10.9.0.0/16" });
    const unrelated = rule({ priority: 30, action: "accept", destination: "192.168.0.0/16" });
    const notes = explainRuleSet([unrelated, shadowed, first], label);
    expect([...notes.keys()]).toEqual([shadowed.id]);
    expect(notes.get(shadowed.id)?.[0]).toMatch(/^Never applies: rule r\d+ \(drop 10\.0\.0\.0\/8/);
  });
});
