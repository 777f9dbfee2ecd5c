import { z } from "zod";
import { canManageUsers } from "@/lib/auth/permissions";
import { defineRoute } from "@/lib/server/route";
import { listUsersFor, searchUsersFor } from "@/lib/server/users";

const SUGGESTIONS = 10;

/** Everyone; with `q`, the first ten whose email or name contains it (the device form's owner suggestions). */
export const GET = defineRoute({ input: z.object({ q: z.string().trim().min(1, "must not be empty").max(320, "must be at most 320 characters").optional() }), authorize: canManageUsers }, async ({ actor, input }) => {
  const users = input.q ? (await searchUsersFor(actor, { query: input.q, page: 1, pageSize: SUGGESTIONS })).rows : await listUsersFor(actor);
  return Response.json({
    users: users.map((user) => ({
      id: user.id,
      email: user.email,
      role: user.role,
      isDisabled: user.isDisabled,
      lastSignInAt: user.lastSignInAt,
      lastSignInMethod: user.lastSignInMethod,
      deviceCount: user.deviceCount,
    })),
  });
});
