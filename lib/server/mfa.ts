import "server-only";
import { canManageUsers } from "../auth/permissions";
import { listMfaMethods } from "../db/mfa";
import { getEnv } from "../env";
import { mfaKeys, type MfaKeys } from "../mfa/service";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export function getMfaKeys(): MfaKeys {
  return mfaKeys(getEnv().AUTH_SECRET);
}

/** The account page's list: the signed-in user's own methods, without secrets. */
export function getOwnMfaMethods(actor: Principal) {
  return listMfaMethods(getDb(), actor.id);
}

/** A user's methods on their admin page. */
export function getMfaMethodsFor(actor: Principal, userId: string) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  return listMfaMethods(getDb(), userId);
}
