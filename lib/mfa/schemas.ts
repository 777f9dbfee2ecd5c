import { z } from "zod";
import { TOTP_DIGITS } from "./totp";

export const MFA_NAME_MAX_LENGTH = 60;

export const mfaNameSchema = z.string().trim().min(1, "is required").max(MFA_NAME_MAX_LENGTH, `must be at most ${MFA_NAME_MAX_LENGTH} characters`);

/** Spaces between the digit groups are dropped; anything else must be exactly the six digits. */
export const totpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s/g, ""))
  .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), `must be the ${TOTP_DIGITS} digits your app shows`));

export const confirmMfaEnrolmentSchema = z.object({
  token: z.string().min(1, "is required").max(4096, "is too long"),
  name: mfaNameSchema,
  code: totpCodeSchema,
});
export type ConfirmEnrolmentInput = z.infer<typeof confirmMfaEnrolmentSchema>;

export const mfaMethodIdSchema = z.object({ id: z.uuid() });
export const resetMfaSchema = z.object({ userId: z.uuid() });
