// Request and response plumbing shared by the cookie routes (route.ts) and the bearer API (lib/api).
import { createHash } from "node:crypto";
import { AppError, ValidationError } from "./errors";
import { BODY_LIMITS, BodyTimeoutError, BodyTooLargeError, CLOSE_CONNECTION, hasUnreadBody, readTextCapped } from "./request-body";

export function jsonError(message: string, status: number, fieldErrors?: Record<string, string>, headers?: HeadersInit): Response {
  return Response.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers });
}

/**
 * The query string for GET, HEAD and DELETE; otherwise the JSON body (415 for anything else, 400 for
 * broken JSON, 413 past 1 MiB, 408 when it does not arrive in time). Call it only after the caller
 * was authenticated: an anonymous body is never read.
 */
export async function readInput(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "DELETE") {
    return Object.fromEntries(new URL(request.url).searchParams);
  }
  // Only JSON: a cross-site form post (text/plain, urlencoded) cannot pass as an API call.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new AppError("Send the request body as JSON (Content-Type: application/json).", 415);
  }
  const text = await readTextCapped(request, { maxBytes: BODY_LIMITS.json });
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body is not valid JSON.");
  }
}

/**
 * An error answer for a route: JSON with the error's status. When the body was refused or left unread
 * (a 401 before reading it), the connection is closed after the answer rather than kept waiting for it.
 */
export function errorAnswer(request: Request, error: AppError, headers?: Record<string, string>): Response {
  const isBodyLeft = error instanceof BodyTooLargeError || error instanceof BodyTimeoutError || hasUnreadBody(request);
  return jsonError(error.message, error.status, error.fieldErrors, isBodyLeft ? { ...headers, ...CLOSE_CONNECTION } : headers);
}

/** `response`, closing the connection after it when the request's body was left unread. */
export function closingUnreadBody(request: Request, response: Response): Response {
  if (!hasUnreadBody(request)) return response;
  // Redirects and other built responses can have immutable headers: copy them.
  const copy = new Response(response.body, response);
  copy.headers.set("connection", "close");
  return copy;
}

/** A strong entity tag for a representation: the SHA-256 of its exact bytes. */
export function entityTagOf(representation: string): string {
  return `"${createHash("sha256").update(representation).digest("base64url")}"`;
}

/**
 * Whether If-None-Match names `etag` (RFC 9110 13.1.2): "*", or a comma-separated list of tags
 * compared weakly (a W/ prefix does not matter for GET).
 */
export function matchesIfNoneMatch(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === wanted);
}

/** A list that revalidates: 304 with the tag when the caller holds it, else the JSON with the tag. */
export function conditionalJson(request: Request, body: unknown, etag: string): Response {
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return Response.json(body, { headers });
}
