import { generatePassword, hashPassword } from "../auth/password";
import { isAdmin } from "../auth/permissions";
import type { Db } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { findFirstAdmin, findUserByEmail, setPasswordHash } from "../db/users";
import { SetupError } from "./setup";

/** Sets a new password for an admin (the first one when no email is given) and ends their sessions. */
export async function resetAdminPassword(db: Db, params: { email: string | null; password: string | null }) {
  const user = params.email ? await findUserByEmail(db, params.email) : await findFirstAdmin(db);
  if (!user) throw new SetupError(params.email ? `No user with email ${params.email}.` : "No admin user exists yet: run setup first.");
  if (!isAdmin(user)) throw new SetupError(`${user.email} is not an admin.`);
  const password = params.password ?? generatePassword();
  await setPasswordHash(db, user.id, await hashPassword(password));
  await recordAuditEvent(db, { actor: null, action: "setup.admin_password_reset", targetType: "user", targetId: user.id });
  return { email: user.email, generatedPassword: params.password ? null : password };
}
