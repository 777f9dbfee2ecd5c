import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { defineRoute } from "@/lib/server/route";

export const GET = defineRoute({ input: z.object({}), authorize: isSignedIn }, async ({ actor }) =>
  Response.json({ id: actor.id, email: actor.email, name: actor.name, role: actor.role }),
);
