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

/** A new secret for the "Add authenticator" dialog; nothing is stored until the code is confirmed. */
export const startMfaEnrolmentAction = defineAction({ input: z.object({}), authorize: isSignedIn }, async (_input, { actor }) => {
  const enrolment = await startEnrolment(getDb(), getMfaKeys(), actor);
  return { secret: enrolment.secret, token: enrolment.token, qrSvg: await renderQrSvg(enrolment.uri) };
});

export const confirmMfaEnrolmentAction = defineAction({ input: confirmMfaEnrolmentSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const method = await confirmEnrolment(getDb(), getMfaKeys(), actor, input);
  revalidatePath("/account");
  return { id: method.id, name: method.name };
});

/** Only the signed-in user's own methods: another user's id is "not found". */
export const deleteMfaMethodAction = defineAction({ input: mfaMethodIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => {
  const deleted = await deleteOwnMethod(getDb(), actor, id);
  revalidatePath("/account");
  return deleted;
});
