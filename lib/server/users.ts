import "server-only";
import { canManageUsers } from "../auth/permissions";
import { listUsers } from "../db/users";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export async function listUsersFor(actor: Principal) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const users = await listUsers(getDb());
  return users.map(({ _count, ...user }) => ({ ...user, deviceCount: _count.devices }));
}
