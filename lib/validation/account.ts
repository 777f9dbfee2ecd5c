import { z } from "zod";
import { EMAIL_MAX_LENGTH, tooLong } from "./limits";

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads only the first 72 bytes: a longer password would be silently cut. */
export const PASSWORD_MAX_BYTES = 72;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, tooLong(EMAIL_MAX_LENGTH))
  .pipe(z.email({ message: "must be a valid email address" }));

/** For new passwords only: sign-in accepts what was accepted before, so nobody is locked out. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((value) => Buffer.byteLength(value, "utf8") <= PASSWORD_MAX_BYTES, `must be at most ${PASSWORD_MAX_BYTES} bytes (UTF-8; about ${PASSWORD_MAX_BYTES / 4} characters beyond plain ASCII)`);

export const themeSchema = z.enum(["light", "dark", "auto"], { message: "must be light, dark or auto" });
export const roleSchema = z.enum(["admin", "unprivileged"], { message: "must be admin or unprivileged" });

export const updateThemeSchema = z.object({ theme: themeSchema });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "is required"),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" });

export const createUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** An admin's edit of a user; an empty password keeps the current one. */
export const updateUserSchema = z.object({
  id: z.uuid(),
  email: emailSchema,
  role: roleSchema,
  password: z.union([z.literal(""), passwordSchema]),
  isDisabled: z.boolean(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userIdSchema = z.object({ id: z.uuid() });

export const userSearchSchema = z.object({
  q: z.string().trim().max(320).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
