// One-time tickets between a verified SAML response and the next-auth session: the ACS hands the
// browser a ticket in an HttpOnly cookie, next-auth's "sso-ticket" provider redeems it once.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { principalSelect, type UserPrincipal } from "../db/users";

export const SSO_TICKET_COOKIE = "wiregui.sso-ticket";
export const SSO_TICKET_TTL_SECONDS = 60;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueSsoTicket(db: Db, userId: string, method: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.ssoTicket.create({ data: { tokenHash: hash(token), userId, method, expiresAt: new Date(Date.now() + SSO_TICKET_TTL_SECONDS * 1000) }, select: { tokenHash: true } });
  return token;
}

/** The ticket's user, or null when it is unknown, used or expired. Deleting first makes it single-use. */
export async function redeemSsoTicket(db: Db, token: string): Promise<UserPrincipal | null> {
  if (!token || token.length > 100) return null;
  const rows = await db.$queryRaw<{ user_id: string }[]>`DELETE FROM sso_tickets WHERE token_hash = ${hash(token)} AND expires_at > now() RETURNING user_id`;
  const userId = rows[0]?.user_id;
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: principalSelect });
  return user && !user.isDisabled ? user : null;
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}
