// Calls a real cookie-authenticated route handler (app/api/v1/...) in-process, the way `next start`
// does: inside Next.js's request scope, so `headers()` and `cookies()` (and next-auth's
// getServerSession through them) read the test's Request. The session cookie is a real next-auth
// JWT for a real auth_sessions row: the whole sign-in check runs, against the test database.
// Next.js's request-scope modules are internal: if an upgrade moves them, this file is the one to fix.
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { createAuthSession } from "../lib/auth/sessions";
import { deriveNextAuthSecret } from "../lib/crypto/keys";
import type { Db } from "../lib/db/client";

const require = createRequire(import.meta.url);
// What `next start` loads first: it gives Next.js's request scope a real AsyncLocalStorage.
require("next/dist/server/node-environment-baseline.js");
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external.js") as typeof import("next/dist/server/app-render/work-async-storage.external");
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external.js") as typeof import("next/dist/server/app-render/work-unit-async-storage.external");
const { createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store.js") as typeof import("next/dist/server/async-storage/request-store");

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** next-auth's cookie name over http (EXTERNAL_URL in these tests is http://). */
const SESSION_COOKIE = "next-auth.session-token";

/** A signed-in browser's Cookie header for `user`: a new server-side session and its JWT. */
export async function sessionCookieFor(db: Db, authSecret: string, user: { id: string; email: string; sessionVersion?: number }): Promise<string> {
  const sessionId = await createAuthSession(db, user.id);
  const token = await encode({ secret: deriveNextAuthSecret(authSecret), token: { sub: user.id, email: user.email, sid: sessionId, sessionVersion: user.sessionVersion ?? 0 } });
  return `${SESSION_COOKIE}=${token}`;
}

/** Runs `handler` for `request` in a request scope, as the app router would for its route. */
export function callRoute(handler: RouteHandler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  const url = new URL(request.url);
  const requestStore = createRequestStoreForAPI({ headers: request.headers } as never, { pathname: url.pathname, search: url.search }, { tags: [], expirationsByCacheKind: new Map() } as never, () => undefined, undefined as never, undefined);
  const workStore = { route: url.pathname, page: url.pathname, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false } as never;
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, () => handler(request, { params: Promise.resolve(params) })));
}
