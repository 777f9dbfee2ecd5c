// Which egress rules overlap, and what that means. Rules are evaluated in order (priority, then
// age) and the first match decides, so an overlap is either harmless (same action), a
// contradiction where the earlier rule wins, or a rule that can never apply.
import { cidrCovers, cidrsOverlap } from "../net/ip";
import { describePorts, type RuleAction, type RuleMatch } from "./schema";

export interface OrderedRule extends RuleMatch {
  id: string;
  action: RuleAction;
  priority: number;
  createdAt: Date;
  /** For messages; null for a global rule. */
  userEmail: string | null;
}

export type OverlapKind = "duplicate" | "never-applies" | "overrides" | "redundant" | "makes-redundant" | "conflicts";

export interface Overlap {
  kind: OverlapKind;
  otherId: string;
  message: string;
}

export function compareEvaluationOrder(a: Pick<OrderedRule, "priority" | "createdAt" | "id">, b: Pick<OrderedRule, "priority" | "createdAt" | "id">): number {
  return a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Range = { start: number; end: number } | null;

const portRange = (rule: RuleMatch): Range => (rule.portStart === null ? null : { start: rule.portStart, end: rule.portEnd ?? rule.portStart });

// "any" without ports also matches ICMP and everything else; "any" with ports means TCP and UDP.
function protocolsOverlap(a: RuleMatch, b: RuleMatch): boolean {
  return a.protocol === "any" || b.protocol === "any" || a.protocol === b.protocol;
}

function protocolCovers(outer: RuleMatch, inner: RuleMatch): boolean {
  return outer.protocol === "any" || outer.protocol === inner.protocol;
}

function portsOverlap(a: Range, b: Range): boolean {
  return a === null || b === null || (a.start <= b.end && b.start <= a.end);
}

function portsCover(outer: Range, inner: Range): boolean {
  return outer === null || (inner !== null && outer.start <= inner.start && inner.end <= outer.end);
}

function scopesOverlap(a: RuleMatch, b: RuleMatch): boolean {
  return a.userId === null || b.userId === null || a.userId === b.userId;
}

export function rulesOverlap(a: RuleMatch, b: RuleMatch): boolean {
  return scopesOverlap(a, b) && cidrsOverlap(a.destination, b.destination) && protocolsOverlap(a, b) && portsOverlap(portRange(a), portRange(b));
}

/** True when every packet `inner` matches is matched by `outer` too. */
export function ruleCovers(outer: RuleMatch, inner: RuleMatch): boolean {
  return (
    (outer.userId === null || outer.userId === inner.userId) &&
    cidrCovers(outer.destination, inner.destination) &&
    protocolCovers(outer, inner) &&
    portsCover(portRange(outer), portRange(inner))
  );
}

export function sameMatch(a: RuleMatch, b: RuleMatch): boolean {
  return a.userId === b.userId && a.destination === b.destination && a.protocol === b.protocol && a.portStart === b.portStart && a.portEnd === b.portEnd;
}

export function describeMatch(rule: RuleMatch & { userEmail?: string | null }): string {
  return `${rule.destination} ${describePorts(rule)}, ${rule.userId === null ? "every user" : (rule.userEmail ?? "one user")}`;
}

/** The traffic two overlapping rules both match, for messages. */
function describeIntersection(a: OrderedRule, b: OrderedRule): string {
  const destination = cidrCovers(a.destination, b.destination) ? b.destination : a.destination;
  const protocol = a.protocol === "any" ? b.protocol : a.protocol;
  const [ra, rb] = [portRange(a), portRange(b)];
  const ports = ra === null ? rb : rb === null ? ra : { start: Math.max(ra.start, rb.start), end: Math.min(ra.end, rb.end) };
  const user = a.userId !== null ? a : b;
  return describeMatch({ destination, protocol, portStart: ports?.start ?? null, portEnd: ports?.end ?? null, userId: user.userId, userEmail: user.userEmail });
}

const verb = (action: RuleAction) => (action === "accept" ? "accepts" : "drops");

/**
 * What `candidate` means next to `others` (the saved rules; the candidate's own saved version is
 * skipped). `label` names a saved rule in messages, e.g. "rule 3". Harmless overlaps (same action,
 * neither covering the other) are not reported.
 */
export function analyseRule(candidate: OrderedRule, others: readonly OrderedRule[], label: (rule: OrderedRule) => string): Overlap[] {
  const overlaps: Overlap[] = [];
  for (const other of others) {
    if (other.id === candidate.id || !rulesOverlap(candidate, other)) continue;
    const isOtherFirst = compareEvaluationOrder(other, candidate) < 0;
    const [first, second] = isOtherFirst ? [other, candidate] : [candidate, other];
    const isSameAction = other.action === candidate.action;
    const name = `${label(other)} (${other.action} ${describeMatch(other)})`;
    const add = (kind: OverlapKind, message: string) => overlaps.push({ kind, otherId: other.id, message });
    if (sameMatch(candidate, other) && isSameAction) {
      add("duplicate", `does the same as ${name}`);
    } else if (ruleCovers(first, second)) {
      if (isOtherFirst) {
        add(isSameAction ? "redundant" : "never-applies", isSameAction ? `is redundant: ${name} already ${verb(other.action)} all of this traffic first` : `never applies: ${name} ${verb(other.action)} all of this traffic first`);
      } else {
        add(isSameAction ? "makes-redundant" : "overrides", isSameAction ? `makes ${name} redundant: this rule matches all of its traffic first` : `overrides ${name}: this rule ${verb(candidate.action)} all of its traffic first, so that rule never applies`);
      }
    } else if (!isSameAction) {
      add("conflicts", `contradicts ${name} for ${describeIntersection(candidate, other)}: there ${first === candidate ? "this rule" : label(other)} comes first and ${verb(first.action)} it`);
    }
  }
  return overlaps;
}

/** For the rules table: what each saved rule loses to earlier rules. */
export function explainRuleSet(rules: readonly OrderedRule[], label: (rule: OrderedRule) => string): Map<string, string[]> {
  const ordered = [...rules].sort(compareEvaluationOrder);
  const notes = new Map<string, string[]>();
  ordered.forEach((rule, index) => {
    const earlier = ordered.slice(0, index);
    const lost = analyseRule(rule, earlier, label).filter((overlap) => overlap.kind !== "makes-redundant" && overlap.kind !== "overrides");
    if (lost.length > 0) notes.set(rule.id, lost.map((overlap) => capitalise(overlap.message)));
  });
  return notes;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
