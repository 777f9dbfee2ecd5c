import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "../auth/next-auth-options";
import { assertRecentlyAuthenticated } from "../auth/reauthentication";
import { resolveSession, type CurrentSession } from "../auth/sessions";
import { getDb } from "./db";
import { UnauthenticatedError } from "./errors";
import type { Principal } from "./guard";

/**
 * The signed-in session, re-read from the database on every request: a signed-out session, a
 * disabled user, a changed role or a reset password (session version bump) takes effect at once,
 * whatever the cookie says.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => resolveSession(getDb(), await getServerSession(getAuthOptions())));

export const getCurrentUser = cache(async (): Promise<Principal | null> => (await getCurrentSession())?.user ?? null);

/**
 * For sensitive server actions, after the guard: throws ReauthenticationRequiredError (the client
 * asks for the password and retries) unless this session authenticated in the last five minutes.
 */
export async function requireRecentAuthentication(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) throw new UnauthenticatedError();
  assertRecentlyAuthenticated(session);
  return session;
}

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
