// /rules and /rules/{id} (administrators): the rules service of the Rules page, so the overlap
// explanations, refused duplicates, the lock and the audit entries are its own. A rule that overlaps
// others is saved only with `acceptOverlaps: true`; without it the answer is 409 with the reasons.
import { z } from "zod";
import { canManageRules } from "../../auth/permissions";
import { RULE_ACTIONS, RULE_PROTOCOLS, ruleInputSchema } from "../../rules/schema";
import { deleteRule, saveRule } from "../../rules/service";
import { getDb } from "../../server/db";
import { NotFoundError } from "../../server/errors";
import { explainRules, type ExplainedRule } from "../../server/rules";
import { listRules } from "../../db/rules";
import { defineEndpoint, defineResource, json, type ApiPrincipal } from "../endpoint";
import { isUuid, listEnvelope, listResponse, noInput, pagingQuery, parseWhole, patchOf, timestamp } from "../schemas";

export const ruleSchema = z.strictObject({
  id: z.uuid(),
  position: z.number().int().describe("1 for the rule checked first."),
  action: z.enum(RULE_ACTIONS),
  destination: z.string().describe("IPv4 or IPv6 CIDR, canonical."),
  protocol: z.enum(RULE_PROTOCOLS).describe("any with ports means TCP and UDP."),
  portStart: z.number().int().nullable(),
  portEnd: z.number().int().nullable(),
  userId: z.uuid().nullable().describe("Null: every user."),
  userEmail: z.string().nullable(),
  priority: z.number().int().describe("Lower is checked first; equal priorities by age."),
  description: z.string(),
  notes: z.array(z.string()).describe("What this rule loses to earlier rules (never applies, contradicted for some traffic)."),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function presentRule(rule: ExplainedRule): z.output<typeof ruleSchema> {
  return {
    id: rule.id,
    position: rule.position,
    action: rule.action,
    destination: rule.destination,
    protocol: rule.protocol,
    portStart: rule.portStart,
    portEnd: rule.portEnd,
    userId: rule.userId,
    userEmail: rule.userEmail,
    priority: rule.priority,
    description: rule.description,
    notes: rule.notes,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

const listRulesQuery = pagingQuery.extend({
  user_id: z.uuid({ message: "must be a user id" }).optional().describe("Only this user's rules and the rules for every user."),
});

const ports = (rule: ExplainedRule) => (rule.portStart === null ? "" : rule.portStart === rule.portEnd ? String(rule.portStart) : `${rule.portStart}-${rule.portEnd}`);

async function explained(): Promise<ExplainedRule[]> {
  return explainRules(await listRules(getDb()));
}

async function loadRule(id: string): Promise<ExplainedRule> {
  const rule = isUuid(id) ? (await explained()).find((candidate) => candidate.id === id) : undefined;
  if (!rule) throw new NotFoundError("The rule");
  return rule;
}

async function saveAndPresent(actor: ApiPrincipal, input: z.output<typeof ruleInputSchema> & { id?: string }, status: number): Promise<Response> {
  const result = await saveRule(getDb(), actor, input);
  if (!result.saved) {
    return json({ error: "This rule overlaps other rules: send acceptOverlaps: true to save it anyway.", overlaps: result.overlaps }, 409);
  }
  return json(presentRule(await loadRule(result.id)), status);
}

const adminOnly = { isAdminOnly: true, authorize: canManageRules } as const;
const overlapNote = "An exact duplicate of another rule is refused (400, on `destination`). Any other overlap is answered 409 with `overlaps` (one explanation each) unless `acceptOverlaps` is true.";

export const rules = defineResource("/rules", {
  GET: defineEndpoint(
    { ...adminOnly, summary: "List egress rules", description: "In evaluation order (the first match decides; unmatched traffic is accepted).", input: listRulesQuery, success: { status: 200, description: "One page of rules.", schema: listEnvelope(ruleSchema) } },
    async ({ input }) => {
      const all = (await explained()).filter((rule) => !input.user_id || rule.userId === null || rule.userId === input.user_id);
      const start = (input.page - 1) * input.per_page;
      return json(listResponse(all.slice(start, start + input.per_page).map(presentRule), { page: input.page, perPage: input.per_page, total: all.length }));
    },
  ),
  POST: defineEndpoint(
    { ...adminOnly, summary: "Add an egress rule", description: `Ports: "" (every port), "443" or "8000-8100". Priority empty: after every rule. ${overlapNote}`, input: ruleInputSchema, success: { status: 201, description: "The new rule.", schema: ruleSchema }, errors: [409] },
    async ({ actor, input }) => saveAndPresent(actor, input, 201),
  ),
});

export const rule = defineResource("/rules/{id}", {
  GET: defineEndpoint(
    { ...adminOnly, summary: "One egress rule", input: noInput, success: { status: 200, description: "The rule.", schema: ruleSchema }, errors: [404] },
    async ({ params }) => json(presentRule(await loadRule(params.id!))),
  ),
  PATCH: defineEndpoint(
    { ...adminOnly, summary: "Change an egress rule", description: `Only the fields given change. ${overlapNote}`, input: patchOf(ruleInputSchema.shape), success: { status: 200, description: "The rule after the change.", schema: ruleSchema }, errors: [404, 409] },
    async ({ actor, raw, params }) => {
      const current = await loadRule(params.id!);
      const whole = parseWhole(ruleInputSchema, {
        action: current.action,
        destination: current.destination,
        protocol: current.protocol,
        ports: ports(current),
        userId: current.userId,
        priority: current.priority,
        description: current.description,
        ...raw,
      });
      return saveAndPresent(actor, { ...whole, id: current.id }, 200);
    },
  ),
  DELETE: defineEndpoint(
    { ...adminOnly, summary: "Delete an egress rule", description: "The collector removes it from nftables within a second.", input: noInput, success: { status: 204, description: "Deleted." }, errors: [404] },
    async ({ actor, params }) => {
      const current = await loadRule(params.id!);
      await deleteRule(getDb(), actor, current.id);
      return new Response(null, { status: 204 });
    },
  ),
});
