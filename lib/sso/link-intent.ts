// "Connect this provider to my account": a short-lived, HMAC-signed cookie set before the OIDC
// redirect. The sign-in callback honours it only for the same, still signed-in user.
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveSigningKey } from "../crypto/keys";

export const SSO_LINK_COOKIE = "wiregui.sso-link";
export const SSO_LINK_TTL_SECONDS = 600;

export interface LinkIntent {
  userId: string;
  providerId: string;
  expiresAt: number;
}

function key(authSecret: string): Buffer {
  return deriveSigningKey(authSecret, "sso-link");
}

export function signLinkIntent(authSecret: string, intent: Omit<LinkIntent, "expiresAt">, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...intent, expiresAt: now + SSO_LINK_TTL_SECONDS * 1000 })).toString("base64url");
  return `${payload}.${createHmac("sha256", key(authSecret)).update(payload).digest("base64url")}`;
}

export function verifyLinkIntent(authSecret: string, value: string | null | undefined, now = Date.now()): LinkIntent | null {
  const [payload, mac] = (value ?? "").split(".");
  if (!payload || !mac) return null;
  const expected = createHmac("sha256", key(authSecret)).update(payload).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const intent = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as LinkIntent;
    return typeof intent.userId === "string" && typeof intent.providerId === "string" && intent.expiresAt > now ? intent : null;
  } catch {
    return null;
  }
}
