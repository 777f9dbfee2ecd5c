"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { LoginThrottle, LoginThrottledError } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { getRequestContext } from "@/lib/request-context";
import { canManageUsers, isSignedIn } from "@/lib/auth/permissions";
import { findUserCredentials, setTheme } from "@/lib/db/users";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { requireRecentAuthentication } from "@/lib/server/session";
import { getEnv } from "@/lib/env";
import { disconnectConnection } from "@/lib/sso/connections";
import { signLinkIntent, SSO_LINK_COOKIE, SSO_LINK_TTL_SECONDS } from "@/lib/sso/link-intent";
import { oidcProviderId } from "@/lib/sso/urls";
import { ValidationError } from "@/lib/server/errors";
import { changeOwnPassword } from "@/lib/users/service";
import { changePasswordSchema, updateThemeSchema } from "@/lib/validation/account";

export const updateTheme = defineAction({ input: updateThemeSchema, authorize: isSignedIn }, async ({ theme }, { actor }) => {
  await setTheme(getDb(), actor.id, theme);
  revalidatePath("/", "layout");
  return { theme };
});

export const changePassword = defineAction({ input: changePasswordSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const db = getDb();
  // Guessing the current password through this form counts against the same sign-in limit.
  const throttle = new LoginThrottle(db);
  const ip = getRequestContext()?.ip ?? null;
  try {
    await throttle.reserveAttempt(actor.email, ip);
  } catch (error) {
    if (error instanceof LoginThrottledError) throw new ValidationError(error.message, { currentPassword: error.message });
    throw error;
  }
  const credentials = await findUserCredentials(db, actor.email);
  if (!credentials?.passwordHash || !(await verifyPassword(input.currentPassword, credentials.passwordHash))) {
    throw new ValidationError("Current password is incorrect.", { currentPassword: "is incorrect" });
  }
  await throttle.recordSuccess(actor.email, ip);
  // Every session of this user ends, including this one (the form signs in again), and every API token.
  const { revokedTokens } = await changeOwnPassword(db, actor, input.newPassword);
  return { email: actor.email, revokedTokens };
});

const disconnectSchema = z.object({ connectionId: z.uuid(), userId: z.uuid() });

/** Your own connections, or anyone's for an admin (from the user's page). */
export const disconnectSsoAction = defineAction(
  { input: disconnectSchema, authorize: (actor, input) => input.userId === actor.id || canManageUsers(actor) },
  async ({ connectionId, userId }, { actor }) => {
    await disconnectConnection(getDb(), { connectionId, userId, actor });
    revalidatePath("/account");
    revalidatePath(`/admin/users/${userId}`);
    return { disconnected: true };
  },
);

/** Before the OIDC redirect: marks the coming sign-in as "connect to my account" (see lib/sso/link-intent.ts). Needs a recent password. */
export const startOidcLinkAction = defineAction({ input: z.object({ slug: z.string().min(1).max(60) }), authorize: isSignedIn }, async ({ slug }, { actor }) => {
  await requireRecentAuthentication();
  const env = getEnv();
  const provider = await getDb().oidcProvider.findUnique({ where: { slug }, select: { id: true, isEnabled: true } });
  if (!provider?.isEnabled) throw new ValidationError("That provider is not available.");
  (await cookies()).set(SSO_LINK_COOKIE, signLinkIntent(env.AUTH_SECRET, { userId: actor.id, providerId: provider.id }), {
    httpOnly: true,
    sameSite: "lax",
    secure: env.EXTERNAL_URL.startsWith("https://"),
    path: "/api/auth",
    maxAge: SSO_LINK_TTL_SECONDS,
  });
  return { nextAuthProvider: oidcProviderId(slug) };
});
