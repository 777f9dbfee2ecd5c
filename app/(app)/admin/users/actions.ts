"use server";

import { revalidatePath } from "next/cache";
import { hashPassword } from "@/lib/auth/password";
import { canManageUsers } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/db/audit";
import { createUser, findUserByEmail } from "@/lib/db/users";
import { uniqueViolationTarget } from "@/lib/db/errors";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { ConflictError } from "@/lib/server/errors";
import { deleteUser, updateUser } from "@/lib/users/service";
import { createUserSchema, updateUserSchema, userIdSchema } from "@/lib/validation/account";

export const createUserAction = defineAction({ input: createUserSchema, authorize: canManageUsers }, async (input, { actor }) => {
  const db = getDb();
  if (await findUserByEmail(db, input.email)) {
    throw new ConflictError("A user with this email already exists.", { email: "is already used by another user" });
  }
  const user = await createUser(db, { email: input.email, role: input.role, passwordHash: await hashPassword(input.password) }).catch((error: unknown) => {
    // Two admins adding the same email at once: the unique index decides.
    if (uniqueViolationTarget(error)) throw new ConflictError("A user with this email already exists.", { email: "is already used by another user" });
    throw error;
  });
  await recordAuditEvent(db, { actor, action: "user.created", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } });
  revalidatePath("/admin/users");
  return { id: user.id, email: user.email };
});

export const updateUserAction = defineAction({ input: updateUserSchema, authorize: canManageUsers }, async (input, { actor }) => {
  const result = await updateUser(getDb(), actor, input);
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${input.id}`);
  return result;
});

export const deleteUserAction = defineAction({ input: userIdSchema, authorize: canManageUsers }, async ({ id }, { actor }) => {
  const result = await deleteUser(getDb(), actor, id);
  revalidatePath("/admin/users");
  return result;
});
