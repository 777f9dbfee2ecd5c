import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "../auth/next-auth-options";
import { findUserById } from "../db/users";
import { getDb } from "./db";
import type { Principal } from "./guard";

/**
 * The signed-in user, re-read from the database on every request: a disabled user, a changed role
 * or a reset password (session version bump) takes effect at once, whatever the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<Principal | null> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.userId) return null;
  const user = await findUserById(getDb(), session.userId);
  if (!user || user.isDisabled || user.sessionVersion !== (session.sessionVersion ?? 0)) return null;
  return user;
});

/** For pages: sends anonymous visitors to the sign-in page. */
export async function requireUser(): Promise<Principal> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: renders the 403 page unless the permission holds. */
export async function requirePermission(check: (actor: Principal) => boolean): Promise<Principal> {
  const user = await requireUser();
  if (!check(user)) forbidden();
  return user;
}
