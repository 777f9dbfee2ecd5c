import { revokeAllApiTokens } from "../api-tokens/service";
import { generatePassword, hashPassword } from "../auth/password";
import { isAdmin } from "../auth/permissions";
import type { Db } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { isLocalAuthEnabled, updateConfiguration } from "../db/configuration";
import { findFirstAdmin, findUserByEmail, setPasswordHash } from "../db/users";
import { SetupError } from "./setup";

/** Sets a new password for an admin (the first one when no email is given) and ends their sessions and API tokens. */
export async function resetAdminPassword(db: Db, params: { email: string | null; password: string | null }) {
  const user = params.email ? await findUserByEmail(db, params.email) : await findFirstAdmin(db);
  if (!user) throw new SetupError(params.email ? `No user with email ${params.email}.` : "No admin user exists yet: run setup first.");
  if (!isAdmin(user)) throw new SetupError(`${user.email} is not an admin.`);
  const password = params.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const revokedTokens = await db.$transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    return revokeAllApiTokens(tx, null, { userId: user.id, reason: "password_reset_command_line" });
  });
  // A locked-out admin is the reason this command exists: a disabled one could still not sign in.
  if (user.isDisabled) await db.user.update({ where: { id: user.id }, data: { isDisabled: false }, select: { id: true } });
  // Likewise a new password is no use while password sign-in is off (an SSO provider broke, say).
  const localAuthWasOff = !(await isLocalAuthEnabled(db));
  if (localAuthWasOff) await updateConfiguration(db, { isLocalAuthEnabled: true });
  await recordAuditEvent(db, { actor: null, action: "setup.admin_password_reset", targetType: "user", targetId: user.id, details: { localAuthReenabled: localAuthWasOff, revokedTokens } });
  return { email: user.email, revokedTokens, generatedPassword: params.password ? null : password, wasReenabled: user.isDisabled, localAuthReenabled: localAuthWasOff };
}
