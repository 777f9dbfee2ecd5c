// Who is on the other end of the current request (address and user agent), for the audit log.
// The shared wrappers (server actions, route handlers, sign-in routes) enter it once per request, so
// every audit event recorded further down gets them without passing them by hand. No Next.js
// imports: lib/db/audit.ts reads it, and the CLI and the collector (never inside a request) use that.
import { AsyncLocalStorage } from "node:async_hooks";
import { clientIpFrom, type HeaderSource } from "./server/client-ip";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

/** Longer user agents are cut: the column keeps at most this many characters. */
export const USER_AGENT_MAX_LENGTH = 512;

const storage = new AsyncLocalStorage<RequestContext>();

export function requestContextFrom(headers: HeaderSource): RequestContext {
  return { ip: clientIpFrom(headers), userAgent: cutUserAgent(headers.get("user-agent")) };
}

export function cutUserAgent(userAgent: string | null | undefined): string | null {
  const trimmed = userAgent?.trim();
  return trimmed ? trimmed.slice(0, USER_AGENT_MAX_LENGTH) : null;
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's context, or null outside one (CLI, collector, background loops). */
export function getRequestContext(): RequestContext | null {
  return storage.getStore() ?? null;
}
