// Sensitive changes (creating an API token, connecting an SSO identity, adding or deleting an
// authenticator) need the person to have proved who they are in this session within the last five
// minutes: the sign-in itself, or the password (and TOTP code) given again. The time is kept on the
// server-side session record, so it is per session and cannot be forged by the browser.
import type { SecretBox } from "../crypto/secret-box";
import { recordAuditEvent } from "../db/audit";
import type { Db } from "../db/client";
import { findUserCredentials } from "../db/users";
import { hasMfa, verifyMfaCode } from "../mfa/service";
import { ReauthenticationRequiredError, ValidationError } from "../server/errors";
import { LoginThrottledError, type LoginThrottle } from "./login-throttle";
import { verifyPassword } from "./password";
import type { CurrentSession } from "./sessions";

export const REAUTHENTICATION_WINDOW_MS = 5 * 60_000;

export function isRecentlyAuthenticated(session: Pick<CurrentSession, "authenticatedAt">, now = new Date()): boolean {
  return now.getTime() - session.authenticatedAt.getTime() < REAUTHENTICATION_WINDOW_MS;
}

/** Throws ReauthenticationRequiredError unless the session proved itself within the window. */
export function assertRecentlyAuthenticated(session: Pick<CurrentSession, "authenticatedAt">, now = new Date()): void {
  if (!isRecentlyAuthenticated(session, now)) throw new ReauthenticationRequiredError();
}

/** How the person can confirm it is them: the password (and a code), or their identity provider. */
export async function reauthenticationMethod(db: Db, userId: string): Promise<"password" | "password_and_code" | "identity_provider"> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) return "identity_provider";
  return (await hasMfa(db, userId)) ? "password_and_code" : "password";
}

export const NO_PASSWORD_MESSAGE = "Your account has no password: sign in again through your identity provider to confirm it is you.";

/**
 * Checks the password (and, with MFA, a fresh TOTP code) and marks the session as just
 * authenticated. Wrong passwords and codes count in the sign-in throttle, like on the sign-in page.
 */
export async function reauthenticate(
  db: Db,
  throttle: Pick<LoginThrottle, "reserveAttempt" | "recordSuccess">,
  box: SecretBox,
  params: { session: CurrentSession; password: string; code: string; ip?: string | null; now?: Date },
): Promise<{ authenticatedAt: Date }> {
  const { session } = params;
  const actor = { id: session.user.id, email: session.user.email };
  const credentials = await findUserCredentials(db, session.user.email);
  if (!credentials?.passwordHash) throw new ValidationError(NO_PASSWORD_MESSAGE);
  const refuse = async (reason: "invalid_password" | "invalid_mfa_code", field: "password" | "code", message: string): Promise<never> => {
    await recordAuditEvent(db, { actor, action: "auth.reauthentication_failed", details: { reason } });
    throw new ValidationError(field === "password" ? "The password is incorrect." : "The code does not match.", { [field]: message });
  };
  try {
    await throttle.reserveAttempt(session.user.email, params.ip ?? null);
  } catch (error) {
    if (error instanceof LoginThrottledError) throw new ValidationError(error.message, { password: error.message });
    throw error;
  }
  if (!(await verifyPassword(params.password.slice(0, 256), credentials.passwordHash))) return refuse("invalid_password", "password", "is incorrect");
  const needsCode = await hasMfa(db, session.user.id);
  if (needsCode) {
    const code = params.code.trim().slice(0, 32);
    if (!code) throw new ValidationError("Enter the 6-digit code from your authenticator app.", { code: "enter the 6-digit code from your authenticator app" });
    // The account's throttle point stays taken until the code is right, as at sign-in.
    if (!(await verifyMfaCode(db, box, session.user.id, code, (params.now ?? new Date()).getTime()))) return refuse("invalid_mfa_code", "code", "does not match: enter the current code from your app");
  }
  await throttle.recordSuccess(session.user.email, params.ip ?? null);
  const authenticatedAt = params.now ?? new Date();
  await db.authSession.update({ where: { id: session.id }, data: { authenticatedAt }, select: { id: true } });
  await recordAuditEvent(db, { actor, action: "auth.reauthenticated", targetType: "session", targetId: session.id, details: { method: needsCode ? "password+totp" : "password" } });
  return { authenticatedAt };
}
