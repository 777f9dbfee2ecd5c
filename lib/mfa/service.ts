// TOTP methods of local accounts: enrolment verified by a code before anything is stored, deletion,
// an admin's reset, and checking a sign-in code. Free of Next.js so it runs against the real database
// in tests. Secrets are sealed with the SecretBox; the pending enrolment travels sealed too (under a
// key of its own, which the collector's encryption key is not), so the server keeps no state between
// showing the QR code and saving the method.
import { endOtherAuthSessions } from "../auth/sessions";
import { deriveSigningKey } from "../crypto/keys";
import { SecretBox } from "../crypto/secret-box";
import { recordAuditEvent } from "../db/audit";
import type { DbClient } from "../db/client";
import { consumeMfaStep, countMfaMethods, createMfaMethod, deleteAllMfaMethods, deleteMfaMethod, findMfaSecrets, type MfaMethodView } from "../db/mfa";
import { errorMessage } from "../log";
import { NotFoundError, ValidationError } from "../server/errors";
import type { ConfirmEnrolmentInput } from "./schemas";
import { generateTotpSecret, matchTotpStep, otpauthUri } from "./totp";

type Actor = { id: string; email: string };

export const MFA_ISSUER = "WireGUI";
/** How long the QR code of an enrolment stays usable. */
export const ENROLMENT_TTL_MS = 15 * 60 * 1000;
const ENROLMENT_PURPOSE = "mfa-enrolment";

interface PendingEnrolment {
  purpose: typeof ENROLMENT_PURPOSE;
  userId: string;
  secret: string;
  expiresAt: number;
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** The secret sealed for this user, with an expiry: sent back with the first code. */
  token: string;
}

export interface MfaKeys {
  /** Seals the stored TOTP secrets (secrets at rest). */
  secrets: SecretBox;
  /** Seals the pending enrolment handed to the browser. */
  enrolments: SecretBox;
}

export function mfaKeys(authSecret: string): MfaKeys {
  return { secrets: new SecretBox(authSecret), enrolments: new SecretBox({ key: deriveSigningKey(authSecret, "mfa-enrolment") }) };
}

async function assertHasPassword(db: DbClient, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError("The user");
  // SSO accounts are never asked for a code (their identity provider does MFA): a method would do nothing.
  if (!user.passwordHash) throw new ValidationError("Two-factor authentication is for accounts that sign in with a password.");
}

export async function startEnrolment(db: DbClient, keys: MfaKeys, actor: Actor, now = Date.now()): Promise<Enrolment> {
  await assertHasPassword(db, actor.id);
  const secret = generateTotpSecret();
  const pending: PendingEnrolment = { purpose: ENROLMENT_PURPOSE, userId: actor.id, secret, expiresAt: now + ENROLMENT_TTL_MS };
  return { secret, uri: otpauthUri({ secret, issuer: MFA_ISSUER, account: actor.email }), token: keys.enrolments.seal(JSON.stringify(pending)) };
}

function openEnrolment(box: SecretBox, token: string, actor: Actor, now: number): PendingEnrolment {
  let pending: Partial<PendingEnrolment> | null = null;
  try {
    pending = JSON.parse(box.open(token)) as Partial<PendingEnrolment>;
  } catch {
    pending = null;
  }
  // Another user's enrolment (or anything else sealed with the same key) is not this one.
  if (pending?.purpose !== ENROLMENT_PURPOSE || pending.userId !== actor.id || typeof pending.secret !== "string" || typeof pending.expiresAt !== "number") {
    throw new ValidationError("This enrolment is not valid. Close the dialog and add the authenticator again.");
  }
  if (pending.expiresAt <= now) throw new ValidationError("This QR code expired. Close the dialog and add the authenticator again.");
  return pending as PendingEnrolment;
}

/**
 * Saves the method only when the code matches the pending secret; the code counts as used. Ends
 * the user's other sessions (`actor.sessionId`, the one enrolling, stays; without one, all end):
 * they never gave a code.
 */
export async function confirmEnrolment(
  db: DbClient,
  keys: MfaKeys,
  actor: Actor & { sessionId?: string | null },
  input: ConfirmEnrolmentInput,
  now = Date.now(),
): Promise<MfaMethodView> {
  const pending = openEnrolment(keys.enrolments, input.token, actor, now);
  await assertHasPassword(db, actor.id);
  const existing = await db.mfaMethod.findFirst({ where: { userId: actor.id, name: { equals: input.name, mode: "insensitive" } }, select: { id: true } });
  if (existing) throw new ValidationError("You already have an authenticator with this name.", { name: "is already used by another of your authenticators" });
  const step = matchTotpStep(pending.secret, input.code, now, null);
  if (step === null) {
    throw new ValidationError("The code does not match. Check the time on your phone and enter the current code.", { code: "does not match: enter the current code from your app" });
  }
  const method = await createMfaMethod(db, { userId: actor.id, name: input.name, secretEncrypted: keys.secrets.seal(pending.secret), lastUsedStep: step });
  const endedSessions = await endOtherAuthSessions(db, actor.id, actor.sessionId ?? null);
  await recordAuditEvent(db, { actor: { id: actor.id, email: actor.email }, action: "mfa.enrolled", targetType: "mfa_method", targetId: method.id, details: { name: method.name, type: method.type, endedSessions } });
  return method;
}

/** A user removing one of their own methods. */
export async function deleteOwnMethod(db: DbClient, actor: Actor, methodId: string): Promise<{ name: string }> {
  const deleted = await deleteMfaMethod(db, { id: methodId, userId: actor.id });
  if (!deleted) throw new NotFoundError("The authenticator");
  await recordAuditEvent(db, { actor, action: "mfa.deleted", targetType: "mfa_method", targetId: methodId, details: { name: deleted.name } });
  return deleted;
}

/** An admin removing every method of a user: they sign in with their password alone again. */
export async function resetMfa(db: DbClient, actor: Actor, userId: string): Promise<{ removed: number }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new NotFoundError("The user");
  const removed = await deleteAllMfaMethods(db, userId);
  await recordAuditEvent(db, { actor, action: "mfa.reset", targetType: "user", targetId: userId, details: { email: user.email, removed } });
  return { removed };
}

export function hasMfa(db: DbClient, userId: string): Promise<boolean> {
  return countMfaMethods(db, userId).then((count) => count > 0);
}

/**
 * Whether `code` is a current, never-used code of any of the user's methods; marks its step used
 * (and the method's last use). A method whose secret cannot be opened (AUTH_SECRET changed) is
 * skipped and logged: an admin's reset is the way back in.
 */
export async function verifyMfaCode(db: DbClient, box: SecretBox, userId: string, code: string, now = Date.now()): Promise<boolean> {
  for (const method of await findMfaSecrets(db, userId)) {
    let secret: string;
    try {
      secret = box.open(method.secretEncrypted);
    } catch (error) {
      console.error(`[mfa] method ${method.id} skipped: ${errorMessage(error)}`);
      continue;
    }
    const step = matchTotpStep(secret, code, now, method.lastUsedStep);
    if (step !== null && (await consumeMfaStep(db, { id: method.id, step, at: new Date(now) }))) return true;
  }
  return false;
}
