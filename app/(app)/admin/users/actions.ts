"use server";

import { revalidatePath } from "next/cache";
import { canManageUsers } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { addUser, deleteUser, updateUser } from "@/lib/users/service";
import { createUserSchema, updateUserSchema, userIdSchema } from "@/lib/validation/account";

export const createUserAction = defineAction({ input: createUserSchema, authorize: canManageUsers }, async (input, { actor }) => {
  const user = await addUser(getDb(), actor, input);
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
