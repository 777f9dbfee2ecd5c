// Token lifetimes and status, free of node:crypto so the browser's form can use them too.
export const TOKEN_LIFETIMES = ["1", "7", "30", "90", "365", "never"] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = "30";

export function expiryFor(lifetime: TokenLifetime, now: Date): Date | null {
  return lifetime === "never" ? null : new Date(now.getTime() + Number(lifetime) * 24 * 60 * 60 * 1000);
}

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(token: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}
