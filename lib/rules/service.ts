// An admin creating, editing, reordering and deleting egress rules. Saving explains how the rule
// overlaps the others and stores it only once the admin has seen that; an exact duplicate is
// refused. The collector follows a database trigger and applies the result with nftables.
import type { Db, DbClient } from "../db/client";
import { auditDetails as withApiToken } from "../api-tokens/audit-details";
import { recordAuditEvent } from "../db/audit";
import { listRules, type RuleRow } from "../db/rules";
import { NotFoundError, ValidationError } from "../server/errors";
import { analyseRule, compareEvaluationOrder, type OrderedRule } from "./overlap";
import { MAX_RULE_PRIORITY, type RuleInput } from "./schema";

type Actor = { id: string; email: string };

export type SaveRuleResult = { saved: true; id: string } | { saved: false; overlaps: string[] };

const PRIORITY_STEP = 10;

/** Rules are numbered by evaluation order on the rules page; messages use the same numbers. */
export function ruleLabeller(rules: readonly Pick<RuleRow, "id">[]) {
  const positions = new Map(rules.map((rule, index) => [rule.id, index + 1]));
  return (rule: { id: string }) => `rule ${positions.get(rule.id) ?? "?"}`;
}

// One writer at a time: an overlap analysis must not go stale before its rule is stored.
function withRulesLock<T>(db: Db, work: (tx: DbClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('wiregui_egress_rules'))`;
    return work(tx);
  });
}

function ruleDetails(rule: Pick<OrderedRule, "action" | "destination" | "protocol" | "portStart" | "portEnd" | "userId" | "priority">) {
  const { action, destination, protocol, portStart, portEnd, userId, priority } = rule;
  return { action, destination, protocol, portStart, portEnd, userId, priority };
}

export async function saveRule(db: Db, actor: Actor, input: RuleInput & { id?: string }): Promise<SaveRuleResult> {
  return withRulesLock(db, async (tx) => {
    if (input.userId && !(await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } }))) {
      throw new ValidationError("userId: the user does not exist", { userId: "is not an existing user" });
    }
    const rules = await listRules(tx);
    const current = input.id === undefined ? null : rules.find((rule) => rule.id === input.id);
    if (current === undefined) throw new NotFoundError("The rule");
    const lastPriority = rules.at(-1)?.priority ?? 0;
    const priority = input.priority ?? current?.priority ?? Math.min(MAX_RULE_PRIORITY, lastPriority + PRIORITY_STEP);
    const userEmail = input.userId ? ((await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } }))?.email ?? null) : null;
    const candidate: OrderedRule = {
      id: current?.id ?? "(new)",
      action: input.action,
      destination: input.destination,
      protocol: input.protocol,
      portStart: input.ports?.start ?? null,
      portEnd: input.ports?.end ?? null,
      userId: input.userId,
      userEmail,
      priority,
      // A new rule sorts after older rules of the same priority.
      createdAt: current?.createdAt ?? new Date(8.64e15),
    };
    const overlaps = analyseRule(candidate, rules, ruleLabeller(rules));
    const duplicate = overlaps.find((overlap) => overlap.kind === "duplicate");
    if (duplicate) throw new ValidationError(`This rule ${duplicate.message}.`, { destination: `this rule ${duplicate.message}` });
    if (overlaps.length > 0 && !input.acceptOverlaps) return { saved: false, overlaps: overlaps.map((overlap) => `This rule ${overlap.message}.`) };

    const data = {
      action: candidate.action,
      destination: candidate.destination,
      protocol: candidate.protocol,
      portStart: candidate.portStart,
      portEnd: candidate.portEnd,
      userId: candidate.userId,
      priority,
      description: input.description,
    };
    const saved = current ? await tx.egressRule.update({ where: { id: current.id }, data, select: { id: true } }) : await tx.egressRule.create({ data, select: { id: true } });
    await recordAuditEvent(tx, {
      actor,
      action: current ? "rule.updated" : "rule.created",
      targetType: "egress_rule",
      targetId: saved.id,
      details: withApiToken(actor, {
        ...ruleDetails(candidate),
        ...(current && { before: ruleDetails(current) }),
        ...(overlaps.length > 0 && { acceptedOverlaps: overlaps.map((overlap) => overlap.message) }),
      }),
    });
    return { saved: true, id: saved.id };
  });
}

export async function deleteRule(db: Db, actor: Actor, id: string) {
  return withRulesLock(db, async (tx) => {
    const rule = await tx.egressRule.findUnique({ where: { id } });
    if (!rule) throw new NotFoundError("The rule");
    await tx.egressRule.delete({ where: { id } });
    await recordAuditEvent(tx, { actor, action: "rule.deleted", targetType: "egress_rule", targetId: id, details: withApiToken(actor, ruleDetails(rule)) });
    return { id };
  });
}

/** Swaps a rule with its neighbour in evaluation order; priorities become 10, 20, 30... */
export async function moveRule(db: Db, actor: Actor, id: string, direction: "up" | "down") {
  return withRulesLock(db, async (tx) => {
    const rules = (await listRules(tx)).sort(compareEvaluationOrder);
    const index = rules.findIndex((rule) => rule.id === id);
    if (index === -1) throw new NotFoundError("The rule");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= rules.length) return { id, moved: false };
    const order = [...rules];
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, rule] of order.entries()) {
      const priority = (position + 1) * PRIORITY_STEP;
      if (rule.priority !== priority) await tx.egressRule.update({ where: { id: rule.id }, data: { priority } });
    }
    await recordAuditEvent(tx, { actor, action: "rule.moved", targetType: "egress_rule", targetId: id, details: withApiToken(actor, { direction, from: index + 1, to: target + 1 }) });
    return { id, moved: true };
  });
}
