// Request and response plumbing shared by the cookie routes (route.ts) and the bearer API (lib/api).
import { AppError, ValidationError } from "./errors";

export function jsonError(message: string, status: number, fieldErrors?: Record<string, string>, headers?: HeadersInit): Response {
  return Response.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status, headers });
}

/** The query string for GET, HEAD and DELETE; otherwise the JSON body (415 for anything else, 400 for broken JSON). */
export async function readInput(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "DELETE") {
    return Object.fromEntries(new URL(request.url).searchParams);
  }
  // Only JSON: a cross-site form post (text/plain, urlencoded) cannot pass as an API call.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new AppError("Send the request body as JSON (Content-Type: application/json).", 415);
  }
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body is not valid JSON.");
  }
}
