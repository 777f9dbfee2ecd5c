// Local email + password sign-in, independent of next-auth so it can be tested against the real database.
// An account with an MFA method needs a valid TOTP code in the same request: the password is checked
// every time, so the code step cannot be reached without it.
import type { SecretBox } from "../crypto/secret-box";
import type { Db } from "../db/client";
import { recordAuditEvent, recordRepeatedAuditEvent } from "../db/audit";
import { isLocalAuthEnabled } from "../db/configuration";
import { findUserCredentials, recordSignIn, type UserPrincipal } from "../db/users";
import { hasMfa, verifyMfaCode } from "../mfa/service";
import { INVALID_MFA_CODE_MESSAGE, MFA_CODE_REQUIRED } from "../mfa/sign-in-step";
import { LoginThrottledError, type LoginThrottle, type Reservation } from "./login-throttle";
import { verifyAgainstDummy, verifyPassword } from "./password";

export type SignInFailure = "invalid_credentials" | "disabled" | "throttled" | "local_auth_disabled" | "mfa_code_required" | "invalid_mfa_code";

export class SignInError extends Error {
  constructor(readonly reason: SignInFailure, message: string) {
    super(message);
    this.name = "SignInError";
  }
}

export const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";

export async function signInWithPassword(
  db: Db,
  throttle: LoginThrottle,
  params: { email: string; password: string; code?: string; ip: string | null; secretBox: SecretBox },
): Promise<UserPrincipal> {
  // Caps before any lookup, hashing or logging: nobody's email or password is longer.
  const email = params.email.trim().toLowerCase().slice(0, 320);
  const password = params.password.slice(0, 256);
  // Every refusal is audited with its reason; the person sees only the message.
  // Repeated refusals of one kind for one email and address fold into one event with a count.
  const refuse = async (reason: SignInFailure, message: string, user: { id: string; email: string } | null = null): Promise<never> => {
    await recordRepeatedAuditEvent(db, { actor: user, action: "auth.sign_in_failed", ip: params.ip, details: { email, method: "local", reason } }, [email, reason]);
    throw new SignInError(reason, message);
  };
  if (!(await isLocalAuthEnabled(db))) {
    return refuse("local_auth_disabled", "Password sign-in is turned off. Use single sign-on.");
  }
  let reservation: Reservation;
  try {
    reservation = await throttle.reserveAttempt(email, params.ip);
  } catch (error) {
    if (error instanceof LoginThrottledError) return refuse("throttled", error.message);
    throw error;
  }

  const user = email ? await findUserCredentials(db, email) : null;
  const isValid = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password).then(() => false);

  if (!user || !isValid) {
    return refuse("invalid_credentials", INVALID_CREDENTIALS_MESSAGE, user && { id: user.id, email: user.email });
  }
  if (user.isDisabled) {
    return refuse("disabled", "This account is disabled. Ask an administrator to enable it.", { id: user.id, email: user.email });
  }
  if (await hasMfa(db, user.id)) {
    // A right password without a code is neither a failure nor a success: this attempt is taken
    // back, the earlier failures stay (asking for the code step cannot reset the count). A wrong
    // code keeps its reservation: every code guess counts like a wrong password.
    const code = (params.code ?? "").slice(0, 32);
    if (!code.trim()) {
      await throttle.release(reservation);
      throw new SignInError("mfa_code_required", MFA_CODE_REQUIRED);
    }
    if (!(await verifyMfaCode(db, params.secretBox, user.id, code))) {
      await recordRepeatedAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "auth.mfa_failed", ip: params.ip, details: { method: "totp" } }, [email]);
      throw new SignInError("invalid_mfa_code", INVALID_MFA_CODE_MESSAGE);
    }
  }

  await throttle.recordSuccess(email, params.ip);
  await recordSignIn(db, user.id, "local");
  await recordAuditEvent(db, { actor: { id: user.id, email: user.email }, action: "auth.sign_in", ip: params.ip, details: { method: "local" } });
  const { passwordHash: _omitted, ...principal } = user;
  return principal;
}
