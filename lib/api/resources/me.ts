import { z } from "zod";
import { isSignedIn } from "../../auth/permissions";
import { defineEndpoint, defineResource, json, type ApiPrincipal } from "../endpoint";
import { noInput } from "../schemas";

export const meSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "unprivileged"]),
  tokenId: z.uuid().describe("The API token this request used."),
});

export function presentMe(actor: ApiPrincipal): z.output<typeof meSchema> {
  return { id: actor.id, email: actor.email, name: actor.name, role: actor.role, tokenId: actor.apiTokenId };
}

export const me = defineResource("/me", {
  GET: defineEndpoint(
    { summary: "The token's user", input: noInput, authorize: isSignedIn, success: { status: 200, description: "The user the token belongs to.", schema: meSchema } },
    async ({ actor }) => json(presentMe(actor)),
  ),
});
