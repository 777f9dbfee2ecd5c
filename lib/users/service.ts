// An admin adding, editing, disabling and deleting users. Nobody can demote, disable or delete themselves,
// and the last enabled administrator stays one. Disabling signs the user out everywhere and takes
// their devices off WireGuard (the collector follows a database trigger).
import { auditDetails } from "../api-tokens/audit-details";
import { revokeAllApiTokens } from "../api-tokens/service";
import { hashPassword } from "../auth/password";
import { withSignInRulesLock, type Db, type DbClient } from "../db/client";
import { recordAuditEvent } from "../db/audit";
import { uniqueViolationTarget } from "../db/errors";
import { createUser, findUserByEmail, setPasswordHash } from "../db/users";
import { ConflictError, NotFoundError, ValidationError } from "../server/errors";
import type { CreateUserInput, UpdateUserInput } from "../validation/account";

type Actor = { id: string; email: string };

const EMAIL_TAKEN = "is already used by another user";

/** A password account, for the Users page and the API alike. */
export async function addUser(db: Db, actor: Actor, input: CreateUserInput) {
  const taken = () => new ConflictError("A user with this email already exists.", { email: EMAIL_TAKEN });
  if (await findUserByEmail(db, input.email)) throw taken();
  const user = await createUser(db, { email: input.email, role: input.role, passwordHash: await hashPassword(input.password) }).catch((error: unknown) => {
    // Two admins adding the same email at once: the unique index decides.
    if (uniqueViolationTarget(error)) throw taken();
    throw error;
  });
  await recordAuditEvent(db, { actor, action: "user.created", targetType: "user", targetId: user.id, details: auditDetails(actor, { email: user.email, role: user.role }) });
  return user;
}

async function isLastEnabledAdmin(tx: DbClient, userId: string): Promise<boolean> {
  const others = await tx.user.count({ where: { role: "admin", isDisabled: false, id: { not: userId } } });
  return others === 0;
}

export async function updateUser(db: Db, actor: Actor, input: UpdateUserInput) {
  // Hashing is slow: done before the lock is taken.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return withSignInRulesLock(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { id: true, email: true, role: true, isDisabled: true } });
    if (!user) throw new NotFoundError("The user");
    const isDemoted = user.role === "admin" && input.role !== "admin";
    const isNewlyDisabled = !user.isDisabled && input.isDisabled;
    if (user.id === actor.id && isDemoted) throw new ValidationError("You cannot remove your own administrator role.", { role: "cannot be changed on your own account" });
    if (user.id === actor.id && isNewlyDisabled) throw new ValidationError("You cannot disable your own account.", { isDisabled: "cannot be set on your own account" });
    if (user.role === "admin" && !user.isDisabled && (isDemoted || isNewlyDisabled) && (await isLastEnabledAdmin(tx, user.id))) {
      const message = "This is the last enabled administrator: make someone else an administrator first.";
      throw new ValidationError(message, isDemoted ? { role: message } : { isDisabled: message });
    }
    const changed = {
      ...(input.email !== user.email && { email: input.email }),
      ...(input.role !== user.role && { role: input.role }),
      ...(input.isDisabled !== user.isDisabled && { isDisabled: input.isDisabled }),
      ...(passwordHash && { password: "changed" }),
    };
    // A new role, password or a disable ends the user's sessions: the next request re-reads them.
    const endsSessions = "role" in changed || "isDisabled" in changed || Boolean(passwordHash);
    try {
      await tx.user.update({
        where: { id: user.id },
        data: {
          email: input.email,
          role: input.role,
          isDisabled: input.isDisabled,
          ...(passwordHash && { passwordHash }),
          ...(endsSessions && { sessionVersion: { increment: 1 } }),
        },
      });
    } catch (error) {
      if (uniqueViolationTarget(error)) throw new ConflictError("A user with this email already exists.", { email: EMAIL_TAKEN });
      throw error;
    }
    // Whoever knew the old password may have made tokens with it: they end with it.
    const revokedTokens = passwordHash ? await revokeAllApiTokens(tx, actor, { userId: user.id, reason: "password_reset_by_admin" }) : 0;
    await recordAuditEvent(tx, { actor, action: "user.updated", targetType: "user", targetId: user.id, details: auditDetails(actor, changed) });
    return { id: user.id, changed: Object.keys(changed), revokedTokens };
  });
}

/**
 * The account page's password change, after the current password was checked: every session of
 * the user ends (the session version is bumped; the form signs this browser in again) and so does
 * every API token.
 */
export async function changeOwnPassword(db: Db, actor: Actor, newPassword: string): Promise<{ revokedTokens: number }> {
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    await setPasswordHash(tx, actor.id, passwordHash);
    const revokedTokens = await revokeAllApiTokens(tx, actor, { userId: actor.id, reason: "password_changed" });
    await recordAuditEvent(tx, { actor, action: "user.password_changed", targetType: "user", targetId: actor.id, details: { revokedTokens } });
    return { revokedTokens };
  });
}

/** Deleting removes the user's devices (their peers go at once), SSO connections and tokens. */
export async function deleteUser(db: Db, actor: Actor, userId: string) {
  return withSignInRulesLock(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, isDisabled: true, _count: { select: { devices: true } } } });
    if (!user) throw new NotFoundError("The user");
    if (user.id === actor.id) throw new ValidationError("You cannot delete your own account.");
    if (user.role === "admin" && !user.isDisabled && (await isLastEnabledAdmin(tx, user.id))) {
      throw new ValidationError("This is the last enabled administrator: make someone else an administrator first.");
    }
    await tx.user.delete({ where: { id: user.id } });
    await recordAuditEvent(tx, { actor, action: "user.deleted", targetType: "user", targetId: user.id, details: auditDetails(actor, { email: user.email, role: user.role, devices: user._count.devices }) });
    return { email: user.email };
  });
}
