import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be a valid email address" }));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, "must be at most 256 characters");

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
