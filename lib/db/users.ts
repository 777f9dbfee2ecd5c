// User queries: typed functions taking (db, params), free of Next.js so the CLI and collector can use them.
import type { Db, DbClient } from "./client";
import type { Role, Theme } from "../generated/prisma/client";

export const principalSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  theme: true,
  isDisabled: true,
  sessionVersion: true,
} as const;

export type UserPrincipal = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  theme: Theme;
  isDisabled: boolean;
  sessionVersion: number;
};

export function findUserById(db: Db, id: string): Promise<UserPrincipal | null> {
  return db.user.findUnique({ where: { id }, select: principalSelect });
}

export function findUserByEmail(db: Db, email: string): Promise<UserPrincipal | null> {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: principalSelect });
}

export function findUserCredentials(db: Db, email: string) {
  return db.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { ...principalSelect, passwordHash: true },
  });
}

/** What else protects an account besides its email: decides whether SSO may link to it by email. */
export async function findSignInFactors(db: Db, userId: string): Promise<{ hasPassword: boolean; authenticatorCount: number }> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, _count: { select: { mfaMethods: true } } } });
  return { hasPassword: row.passwordHash !== null, authenticatorCount: row._count.mfaMethods };
}

export function createUser(
  db: Db,
  params: { email: string; passwordHash: string | null; role: Role; name?: string | null },
): Promise<UserPrincipal> {
  return db.user.create({
    data: { email: params.email.toLowerCase(), passwordHash: params.passwordHash, role: params.role, name: params.name ?? null },
    select: principalSelect,
  });
}

export const USERS_PAGE_SIZE = 25;

/** What the users list and a user's page show about someone. */
export const userSummarySelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  isDisabled: true,
  lastSignInAt: true,
  lastSignInMethod: true,
  createdAt: true,
} as const;

/** One page of users whose email or name contains `query` (case-insensitive), and the total. */
export async function searchUsers(db: Db, params: { query: string; page: number; pageSize?: number }) {
  const pageSize = params.pageSize ?? USERS_PAGE_SIZE;
  const where = params.query
    ? { OR: [{ email: { contains: params.query, mode: "insensitive" as const } }, { name: { contains: params.query, mode: "insensitive" as const } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: { email: "asc" },
      skip: (params.page - 1) * pageSize,
      take: pageSize,
      select: { ...userSummarySelect, _count: { select: { devices: true } } },
    }),
    db.user.count({ where }),
  ]);
  return { rows: rows.map(({ _count, ...user }) => ({ ...user, deviceCount: _count.devices })), total, pageSize };
}

export function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: { email: "asc" },
    select: { ...userSummarySelect, _count: { select: { devices: true } } },
  });
}

export function findFirstAdmin(db: Db) {
  return db.user.findFirst({ where: { role: "admin" }, orderBy: { createdAt: "asc" }, select: principalSelect });
}

/** Setting a password ends the user's other sessions. */
export function setPasswordHash(db: DbClient, userId: string, passwordHash: string) {
  return db.user.update({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: principalSelect,
  });
}

export function setTheme(db: Db, userId: string, theme: Theme) {
  return db.user.update({ where: { id: userId }, data: { theme }, select: principalSelect });
}

export function recordSignIn(db: Db, userId: string, method: string) {
  return db.user.update({
    where: { id: userId },
    data: { lastSignInAt: new Date(), lastSignInMethod: method },
    select: { id: true },
  });
}

export async function getAccountDetails(db: Db, userId: string) {
  const row = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { lastSignInAt: true, lastSignInMethod: true, createdAt: true, passwordHash: true },
  });
  const { passwordHash, ...details } = row;
  return { ...details, hasPassword: passwordHash !== null };
}
