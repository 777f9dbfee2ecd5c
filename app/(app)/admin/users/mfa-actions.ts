"use server";

import { revalidatePath } from "next/cache";
import { canManageUsers } from "@/lib/auth/permissions";
import { resetMfaSchema } from "@/lib/mfa/schemas";
import { resetMfa } from "@/lib/mfa/service";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";

/** Removes every MFA method of a user (a lost phone): they sign in with their password alone again. */
export const resetMfaAction = defineAction({ input: resetMfaSchema, authorize: canManageUsers }, async ({ userId }, { actor }) => {
  const result = await resetMfa(getDb(), actor, userId);
  revalidatePath(`/admin/users/${userId}`);
  return result;
});
