"use server";

import { revalidatePath } from "next/cache";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import { canManageApiTokensOf, isSignedIn } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { requireRecentAuthentication } from "@/lib/server/session";

/** Your own token; the answer is the only time the token itself leaves the server. Needs a recent password. */
export const createApiTokenAction = defineAction({ input: createApiTokenSchema, authorize: isSignedIn }, async (input, { actor }) => {
  await requireRecentAuthentication();
  const { token, apiToken } = await createApiToken(getDb(), actor, { ...input, userId: actor.id });
  revalidatePath("/account");
  return { token, name: apiToken.name, expiresAt: apiToken.expiresAt };
});

/** Your own tokens, or anyone's for an administrator (from the user's page). */
export const revokeApiTokenAction = defineAction(
  { input: revokeApiTokenSchema, authorize: (actor, input) => canManageApiTokensOf(actor, input.userId) },
  async (input, { actor }) => {
    const result = await revokeApiToken(getDb(), actor, input);
    revalidatePath("/account");
    revalidatePath(`/admin/users/${input.userId}`);
    return result;
  },
);
