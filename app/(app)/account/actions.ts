"use server";

import { revalidatePath } from "next/cache";
import { getLoginThrottle, LoginThrottledError } from "@/lib/auth/login-throttle";
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
  // Guessing the current password through this form counts against the same sign-in limit.
  const throttle = getLoginThrottle();
  try {
    await throttle.reserveAttempt(actor.email, null);
  } catch (error) {
    if (error instanceof LoginThrottledError) throw new ValidationError(error.message, { currentPassword: error.message });
    throw error;
  }
  const credentials = await findUserCredentials(db, actor.email);
  if (!credentials?.passwordHash || !(await verifyPassword(input.currentPassword, credentials.passwordHash))) {
    throw new ValidationError("Current password is incorrect.", { currentPassword: "is incorrect" });
  }
  await throttle.recordSuccess(actor.email);
  // Bumps the session version: every session of this user ends, including this one; the form signs in again.
  await setPasswordHash(db, actor.id, await hashPassword(input.newPassword));
  await recordAuditEvent(db, { actor, action: "user.password_changed", targetType: "user", targetId: actor.id });
  return { email: actor.email };
});
