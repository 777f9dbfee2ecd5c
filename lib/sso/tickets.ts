// One-time tickets between a verified SAML response and the next-auth session: the ACS hands the
// browser a ticket in an HttpOnly cookie, next-auth's "sso-ticket" provider redeems it once, and
// only together with the nonce cookie set when that browser started the login. So a response
// captured elsewhere and posted into another browser (login CSRF), or a stolen pending request,
// signs nobody in. Times are compared with a parameter, not now(): the column has no time zone and
// holds UTC, while now() would be read in the database session's zone.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { principalSelect, type UserPrincipal } from "../db/users";

export const SSO_TICKET_COOKIE = "wiregui.sso-ticket";
export const SSO_TICKET_TTL_SECONDS = 60;
export const SAML_BROWSER_COOKIE = "wiregui.saml-browser";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A random value for a cookie, and the hash the database keeps of it. */
export function newBrowserNonce(): { nonce: string; hash: string } {
  const nonce = randomBytes(32).toString("base64url");
  return { nonce, hash: hashToken(nonce) };
}

export async function issueSsoTicket(db: Db, params: { userId: string; method: string; browserHash: string }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.ssoTicket.create({
    data: { tokenHash: hashToken(token), ...params, expiresAt: new Date(Date.now() + SSO_TICKET_TTL_SECONDS * 1000) },
    select: { tokenHash: true },
  });
  return token;
}

/**
 * The ticket's user, or null when it is unknown, used, expired or presented by another browser.
 * Deleting first makes it single-use.
 */
export async function redeemSsoTicket(db: Db, token: string, browserNonce: string): Promise<UserPrincipal | null> {
  if (!token || token.length > 100 || !browserNonce || browserNonce.length > 100) return null;
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    DELETE FROM sso_tickets
    WHERE token_hash = ${hashToken(token)} AND browser_hash = ${hashToken(browserNonce)} AND expires_at > ${new Date()}
    RETURNING user_id`;
  const userId = rows[0]?.user_id;
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: principalSelect });
  return user && !user.isDisabled ? user : null;
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return null;
    }
  }
  return null;
}
