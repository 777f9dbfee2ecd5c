import { z } from "zod";
import { TOKEN_LIFETIMES } from "./lifetime";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  /** Days until it expires, or "never". */
  lifetime: z.enum(TOKEN_LIFETIMES, { message: "must be 1, 7, 30, 90, 365 days or never" }),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

/** Whose token: your own, or (admins) anyone's. */
export const revokeApiTokenSchema = z.object({ tokenId: z.uuid(), userId: z.uuid() });
