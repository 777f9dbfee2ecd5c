import "server-only";
import type { z } from "zod";
import { requestContextFrom, runWithRequestContext } from "../request-context";
import { AppError, ValidationError } from "./errors";
import { guard, type GuardConfig, type Principal } from "./guard";
import { getCurrentUser } from "./session";

export function jsonError(message: string, status: number, fieldErrors?: Record<string, string>): Response {
  return Response.json({ error: message, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

async function readInput(request: Request): Promise<unknown> {
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

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps every authenticated route handler: session, JSON/query input through zod, permission.
 * Answers errors as JSON `{ error, fieldErrors? }` with the matching status.
 */
export function defineRoute<S extends z.ZodType>(
  config: GuardConfig<S>,
  handler: (context: { actor: Principal; input: z.output<S>; request: Request; params: Record<string, string | string[]> }) => Promise<Response>,
) {
  return (request: Request, context: RouteContext): Promise<Response> =>
    // Audit events recorded by the handler get the caller's address and user agent.
    runWithRequestContext(requestContextFrom(request.headers), async () => {
      try {
        const raw = await readInput(request);
        const { actor, input } = await guard(config, await getCurrentUser(), raw);
        return await handler({ actor, input, request, params: await context.params });
      } catch (error) {
        if (error instanceof AppError) return jsonError(error.message, error.status, error.fieldErrors);
        console.error("[route] unexpected error", error);
        return jsonError("Internal server error", 500);
      }
    });
}
