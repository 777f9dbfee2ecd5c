// Server-side records of browser sessions. The next-auth JWT in the cookie carries the record's id;
// a request is signed in only while the record exists, has not expired, and the user's session
// version still matches the cookie's. Free of Next.js so tests run it against the real database.
import type { DbClient } from "../db/client";
import { principalSelect, type UserPrincipal } from "../db/users";

/** Sessions last this long from sign-in, whatever the cookie says. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What the session cookie says, once next-auth has checked its signature. */
export interface SessionClaims {
  userId?: string;
  sessionId?: string;
  sessionVersion?: number;
}

export interface CurrentSession {
  id: string;
  user: UserPrincipal;
  /** The sign-in, or the last time the password (and code) was given again in this session. */
  authenticatedAt: Date;
}

/** A session for a sign-in that just succeeded; expired sessions of everyone are pruned on the way. */
export async function createAuthSession(db: DbClient, userId: string, now = new Date()): Promise<string> {
  await db.authSession.deleteMany({ where: { expiresAt: { lte: now } } });
  const row = await db.authSession.create({
    data: { userId, createdAt: now, authenticatedAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return row.id;
}

/**
 * The session the cookie stands for, or null: no id (a cookie from before server-side sessions),
 * signed out, expired, another user's id, a disabled user, or a session version bumped since.
 */
export async function resolveSession(db: DbClient, claims: SessionClaims | null | undefined, now = new Date()): Promise<CurrentSession | null> {
  if (!claims?.userId || !claims.sessionId || !isUuid(claims.sessionId)) return null;
  const row = await db.authSession.findUnique({
    where: { id: claims.sessionId },
    select: { id: true, userId: true, expiresAt: true, authenticatedAt: true, user: { select: principalSelect } },
  });
  if (!row || row.userId !== claims.userId || row.expiresAt <= now) return null;
  if (row.user.isDisabled || row.user.sessionVersion !== (claims.sessionVersion ?? 0)) return null;
  return { id: row.id, user: row.user, authenticatedAt: row.authenticatedAt };
}

/** Sign-out: the cookie may live on in a copy, the record does not. */
export async function endAuthSession(db: DbClient, sessionId: string | undefined): Promise<void> {
  if (!sessionId || !isUuid(sessionId)) return;
  await db.authSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user but `keepSessionId` (the one making the change); returns how many. */
export async function endOtherAuthSessions(db: DbClient, userId: string, keepSessionId: string | null): Promise<number> {
  const { count } = await db.authSession.deleteMany({ where: { userId, ...(keepSessionId && { id: { not: keepSessionId } }) } });
  return count;
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
