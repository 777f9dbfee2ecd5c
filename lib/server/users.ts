import "server-only";
import { canManageUsers } from "../auth/permissions";
import { listUsers, searchUsers, userSummarySelect } from "../db/users";
import { listConnections } from "../sso/connections";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

export async function listUsersFor(actor: Principal) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const users = await listUsers(getDb());
  return users.map(({ _count, ...user }) => ({ ...user, deviceCount: _count.devices }));
}

export function searchUsersFor(actor: Principal, params: { query: string; page: number; pageSize?: number }) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  return searchUsers(getDb(), params);
}

/** One user's page (admin): profile, SSO connections and devices. Null when the id is unknown. */
export async function getUserPageFor(actor: Principal, userId: string) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      ...userSummarySelect,
      passwordHash: true,
      devices: { select: { id: true, name: true, ipv4: true, latestHandshakeAt: true }, orderBy: { name: "asc" } },
    },
  });
  if (!user) return null;
  const { passwordHash, ...rest } = user;
  return { user: { ...rest, hasPassword: passwordHash !== null }, connections: await listConnections(db, userId) };
}

/** One user as the users list shows them, or null. */
export async function getUserSummaryFor(actor: Principal, userId: string) {
  if (!canManageUsers(actor)) throw new ForbiddenError();
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { ...userSummarySelect, _count: { select: { devices: true } } } });
  if (!user) return null;
  const { _count, ...rest } = user;
  return { ...rest, deviceCount: _count.devices };
}
