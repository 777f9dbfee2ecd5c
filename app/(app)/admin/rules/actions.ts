"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { canManageRules } from "@/lib/auth/permissions";
import { moveRuleSchema, ruleIdSchema, ruleInputSchema } from "@/lib/rules/schema";
import { deleteRule, moveRule, saveRule } from "@/lib/rules/service";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";

const saveRuleSchema = ruleInputSchema.extend({ id: z.uuid({ message: "must be a rule id" }).optional() });

function revalidateRules(userId?: string | null) {
  revalidatePath("/admin/rules");
  if (userId) revalidatePath(`/admin/users/${userId}`);
}

/** Saves when nothing overlaps or the admin accepted the explained overlaps; else returns them. */
export const saveRuleAction = defineAction({ input: saveRuleSchema, authorize: canManageRules }, async (input, { actor }) => {
  const result = await saveRule(getDb(), actor, input);
  if (result.saved) revalidateRules(input.userId);
  return result;
});

export const deleteRuleAction = defineAction({ input: ruleIdSchema, authorize: canManageRules }, async ({ id }, { actor }) => {
  const result = await deleteRule(getDb(), actor, id);
  revalidateRules();
  return result;
});

export const moveRuleAction = defineAction({ input: moveRuleSchema, authorize: canManageRules }, async ({ id, direction }, { actor }) => {
  const result = await moveRule(getDb(), actor, id, direction);
  revalidateRules();
  return result;
});
