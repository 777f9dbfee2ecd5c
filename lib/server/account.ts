import "server-only";
import { getAccountDetails } from "../db/users";
import { getDb } from "./db";
import type { Principal } from "./guard";

/** What the account page shows about the signed-in user, and nothing more. */
export function getAccountSummary(user: Principal) {
  return getAccountDetails(getDb(), user.id);
}
