"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { confirmMfaEnrolmentSchema, mfaMethodIdSchema } from "@/lib/mfa/schemas";
import { confirmEnrolment, deleteOwnMethod, startEnrolment } from "@/lib/mfa/service";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { getMfaKeys } from "@/lib/server/mfa";
import { renderQrSvg } from "@/lib/server/qr";
import { getCurrentSession, requireRecentAuthentication } from "@/lib/server/session";

/**
 * A new secret for the "Add authenticator" dialog; nothing is stored until the code is confirmed.
 * Needs a recent password: the sealed enrolment it returns is what the confirmation needs.
 */
export const startMfaEnrolmentAction = defineAction({ input: z.object({}), authorize: isSignedIn }, async (_input, { actor }) => {
  await requireRecentAuthentication();
  const enrolment = await startEnrolment(getDb(), getMfaKeys(), actor);
  return { secret: enrolment.secret, token: enrolment.token, qrSvg: await renderQrSvg(enrolment.uri) };
});

/** Ends the user's other sessions: whoever else was signed in did not pass the new second factor. */
export const confirmMfaEnrolmentAction = defineAction({ input: confirmMfaEnrolmentSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const session = await getCurrentSession();
  const method = await confirmEnrolment(getDb(), getMfaKeys(), { ...actor, sessionId: session?.id ?? null }, input);
  revalidatePath("/account");
  return { id: method.id, name: method.name };
});

/** Only the signed-in user's own methods: another user's id is "not found". Needs a recent password. */
export const deleteMfaMethodAction = defineAction({ input: mfaMethodIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => {
  await requireRecentAuthentication();
  const deleted = await deleteOwnMethod(getDb(), actor, id);
  revalidatePath("/account");
  return deleted;
});
