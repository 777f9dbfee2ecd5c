import "server-only";
import { canManageRules } from "../auth/permissions";
import { getRulesStatus, listRules, type RuleRow } from "../db/rules";
import { getEnv } from "../env";
import { explainRuleSet } from "../rules/overlap";
import { ruleLabeller } from "../rules/service";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export interface ExplainedRule extends RuleRow {
  position: number;
  /** What this rule loses to earlier rules (never applies, contradicted for some traffic). */
  notes: string[];
}

/** Rules in evaluation order, numbered, with their overlap notes. */
export function explainRules(rules: RuleRow[]): ExplainedRule[] {
  const notes = explainRuleSet(rules, ruleLabeller(rules));
  return rules.map((rule, index) => ({ ...rule, position: index + 1, notes: notes.get(rule.id) ?? [] }));
}

export async function getRulesPageFor(actor: Principal) {
  if (!canManageRules(actor)) throw new ForbiddenError();
  const db = getDb();
  const interfaceName = getEnv().WG_INTERFACE;
  const [rules, users, status] = await Promise.all([
    listRules(db),
    db.user.findMany({ select: { id: true, email: true }, orderBy: { email: "asc" } }),
    getRulesStatus(db, interfaceName),
  ]);
  return { rules: explainRules(rules), users, status, interfaceName };
}

/** A user's own rules and the global ones, for the admin user page. */
export async function getUserRulesFor(actor: Principal, userId: string) {
  if (!canManageRules(actor)) throw new ForbiddenError();
  return explainRules(await listRules(getDb())).filter((rule) => rule.userId === userId || rule.userId === null);
}
