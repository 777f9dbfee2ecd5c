import "server-only";
import { canManageUsers } from "../auth/permissions";
import { listUsers } from "../db/users";
import { listConnections } from "../sso/connections";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export async function listUsersFor(actor: Principal) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const users = await listUsers(getDb());
  return users.map(({ _count, ...user }) => ({ ...user, deviceCount: _count.devices }));
}

/** One user's page (admin): profile and SSO connections. Null when the id is unknown. */
export async function getUserPageFor(actor: Principal, userId: string) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, isDisabled: true, lastSignInAt: true, lastSignInMethod: true, createdAt: true, _count: { select: { devices: true } } },
  });
  if (!user) return null;
  return { user, connections: await listConnections(db, userId) };
}
