"use server";

import { revalidatePath } from "next/cache";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isSignedIn } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/db/audit";
import { findUserCredentials, setPasswordHash, setTheme } from "@/lib/db/users";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { ValidationError } from "@/lib/server/errors";
import { changePasswordSchema, updateThemeSchema } from "@/lib/validation/account";

export const updateTheme = defineAction({ input: updateThemeSchema, authorize: isSignedIn }, async ({ theme }, { actor }) => {
  await setTheme(getDb(), actor.id, theme);
  revalidatePath("/", "layout");
  return { theme };
});

export const changePassword = defineAction({ input: changePasswordSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const db = getDb();
  const credentials = await findUserCredentials(db, actor.email);
  if (!credentials?.passwordHash || !(await verifyPassword(input.currentPassword, credentials.passwordHash))) {
    throw new ValidationError("Current password is incorrect.", { currentPassword: "is incorrect" });
  }
  // Bumps the session version: every session of this user ends, including this one; the form signs in again.
  await setPasswordHash(db, actor.id, await hashPassword(input.newPassword));
  await recordAuditEvent(db, { actor, action: "user.password_changed", targetType: "user", targetId: actor.id });
  return { email: actor.email };
});
