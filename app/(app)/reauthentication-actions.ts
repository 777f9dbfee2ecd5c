"use server";

import { z } from "zod";
import { LoginThrottle } from "@/lib/auth/login-throttle";
import { isSignedIn } from "@/lib/auth/permissions";
import { reauthenticate } from "@/lib/auth/reauthentication";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { UnauthenticatedError } from "@/lib/server/errors";
import { getMfaKeys } from "@/lib/server/mfa";
import { getRequestContext } from "@/lib/request-context";
import { getReauthenticationOptions } from "@/lib/server/reauthentication";
import { getCurrentSession, requireRecentAuthentication } from "@/lib/server/session";

/** What the "confirm it is you" dialog asks for. */
export const getReauthenticationOptionsAction = defineAction({ input: z.object({}), authorize: isSignedIn }, async (_input, { actor }) => getReauthenticationOptions(actor));

const reauthenticateSchema = z.object({ password: z.string().max(256), code: z.string().max(32).default("") });

/** The password (and code) again: sensitive changes are allowed for five minutes in this session. */
export const reauthenticateAction = defineAction({ input: reauthenticateSchema, authorize: isSignedIn }, async (input) => {
  const session = await getCurrentSession();
  if (!session) throw new UnauthenticatedError();
  const { authenticatedAt } = await reauthenticate(getDb(), new LoginThrottle(getDb()), getMfaKeys().secrets, {
    session,
    password: input.password,
    code: input.code,
    ip: getRequestContext()?.ip ?? null,
  });
  return { authenticatedAt };
});

/** Before a step that leaves the page (a SAML connect form): asks for the password first if needed. */
export const confirmRecentAuthenticationAction = defineAction({ input: z.object({}), authorize: isSignedIn }, async () => {
  await requireRecentAuthentication();
  return { isRecent: true };
});
