import "server-only";
import { listApiTokens } from "../api-tokens/service";
import { canManageApiTokensOf } from "../auth/permissions";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

/** The API tokens card: a user's tokens, for themselves or an administrator. */
export function listApiTokensFor(actor: Principal, userId: string) {
  if (!canManageApiTokensOf(actor, userId)) throw new ForbiddenError();
  return listApiTokens(getDb(), userId);
}
