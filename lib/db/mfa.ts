// MFA method queries: typed functions taking (db, params). The secret column is read only where a
// code is checked; everything else selects what the pages show.
import type { DbClient } from "./client";

export const mfaMethodSelect = { id: true, type: true, name: true, createdAt: true, lastUsedAt: true } as const;

export type MfaMethodView = { id: string; type: "totp"; name: string; createdAt: Date; lastUsedAt: Date | null };

export function listMfaMethods(db: DbClient, userId: string): Promise<MfaMethodView[]> {
  return db.mfaMethod.findMany({ where: { userId }, select: mfaMethodSelect, orderBy: { createdAt: "asc" } });
}

export function countMfaMethods(db: DbClient, userId: string): Promise<number> {
  return db.mfaMethod.count({ where: { userId } });
}

/** With the sealed secrets and the last accepted step: only for checking a code. */
export function findMfaSecrets(db: DbClient, userId: string) {
  return db.mfaMethod.findMany({ where: { userId }, select: { id: true, secretEncrypted: true, lastUsedStep: true }, orderBy: { createdAt: "asc" } });
}

export function createMfaMethod(db: DbClient, params: { userId: string; name: string; secretEncrypted: string; lastUsedStep: number }): Promise<MfaMethodView> {
  return db.mfaMethod.create({ data: { ...params, type: "totp" }, select: mfaMethodSelect });
}

/**
 * Records `step` as used only if it is newer than the last one: of two sign-ins racing with the
 * same code, exactly one updates the row. Answers whether this call did.
 */
export async function consumeMfaStep(db: DbClient, params: { id: string; step: number; at: Date }): Promise<boolean> {
  const { count } = await db.mfaMethod.updateMany({
    where: { id: params.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: params.step } }] },
    data: { lastUsedStep: params.step, lastUsedAt: params.at },
  });
  return count === 1;
}

/** One method of this user (another user's id deletes nothing); answers whether it existed. */
export async function deleteMfaMethod(db: DbClient, params: { id: string; userId: string }): Promise<{ name: string } | null> {
  const method = await db.mfaMethod.findFirst({ where: { id: params.id, userId: params.userId }, select: { name: true } });
  if (!method) return null;
  const { count } = await db.mfaMethod.deleteMany({ where: { id: params.id, userId: params.userId } });
  return count === 1 ? method : null;
}

export async function deleteAllMfaMethods(db: DbClient, userId: string): Promise<number> {
  const { count } = await db.mfaMethod.deleteMany({ where: { userId } });
  return count;
}
