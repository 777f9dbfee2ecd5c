import "server-only";
import type { z } from "zod";
import { requestContextFrom, runWithRequestContext } from "../request-context";
import { AppError, UnauthenticatedError } from "./errors";
import { guard, type GuardConfig, type Principal } from "./guard";
import { errorAnswer, jsonError, readInput } from "./http";
import { getCurrentUser } from "./session";

export { jsonError };

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps every authenticated route handler: session, then the JSON/query input (capped) through zod, permission.
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
        // The session first: an anonymous caller's body is never read.
        const user = await getCurrentUser();
        if (!user) throw new UnauthenticatedError();
        const raw = await readInput(request);
        const { actor, input } = await guard(config, user, raw);
        return await handler({ actor, input, request, params: await context.params });
      } catch (error) {
        if (error instanceof AppError) return errorAnswer(request, error);
        console.error("[route] unexpected error", error);
        return jsonError("Internal server error", 500);
      }
    });
}
