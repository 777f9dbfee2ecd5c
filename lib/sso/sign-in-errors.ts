import { SSO_REFUSAL_MESSAGES, type SsoRefusalCode } from "./sign-in";

/**
 * The sign-in page's message for `?error=`: our SSO refusal codes (`sso_<code>`) or next-auth's own
 * (OAuthCallback, AccessDenied…), which are all "it did not work" for the person signing in.
 */
export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  const ours = code.startsWith("sso_") ? code.slice(4) : null;
  if (ours && Object.hasOwn(SSO_REFUSAL_MESSAGES, ours)) return SSO_REFUSAL_MESSAGES[ours as SsoRefusalCode];
  if (code === "SessionRequired") return null;
  return SSO_REFUSAL_MESSAGES.failed;
}
