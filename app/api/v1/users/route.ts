import { z } from "zod";
import { canManageUsers } from "@/lib/auth/permissions";
import { defineRoute } from "@/lib/server/route";
import { listUsersFor } from "@/lib/server/users";

export const GET = defineRoute({ input: z.object({}), authorize: canManageUsers }, async ({ actor }) => {
  const users = await listUsersFor(actor);
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
