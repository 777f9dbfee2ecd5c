// The bearer-token REST API's one wrapper, the counterpart of lib/server/route.ts for /api/v0:
// authenticate by `Authorization: Bearer` only (never cookies, so no CSRF), then the same guard
// as server actions: parse with zod, check the named permission, run. Each endpoint carries its
// OpenAPI description, so the document is built from the very schemas that validate requests.
import "server-only";
import type { z } from "zod";
import { authenticateApiToken } from "../api-tokens/service";
import { bearerTokenFrom } from "../api-tokens/token";
import { clientIpFrom } from "../server/client-ip";
import { getDb } from "../server/db";
import { AppError } from "../server/errors";
import { guard, type Authorize, type Principal } from "../server/guard";
import { errorAnswer, jsonError, readInput } from "../server/http";
import { requestContextFrom, runWithRequestContext } from "../request-context";

/** The token's user, plus the token it came with (audit details name it). */
export type ApiPrincipal = Principal & { apiTokenId: string };

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface EndpointDoc {
  summary: string;
  description?: string;
  /** Only administrators may call it (documents the 403). */
  isAdminOnly?: boolean;
  success: { status: number; description: string; schema?: z.ZodType };
  /** Statuses this endpoint answers besides 2xx, 400 and 401 (which every endpoint may). */
  errors?: number[];
}

export interface EndpointConfig<S extends z.ZodType> extends EndpointDoc {
  /** The query string (GET, DELETE) or the JSON body (POST, PATCH). */
  input: S;
  authorize: Authorize<z.output<S>>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export type ApiHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { doc: EndpointDoc & { input: z.ZodType } };

export class UnauthorizedTokenError extends AppError {
  constructor(
    message: string,
    /** A token was sent but refused (RFC 6750's invalid_token), rather than none sent. */
    readonly isTokenRefused: boolean,
  ) {
    super(message, 401);
  }
}

const MISSING_TOKEN = "Send an API token: Authorization: Bearer <token> (create one on your account page).";
const BAD_TOKEN = "The API token is unknown, expired or revoked, or its user is disabled.";

async function authenticate(request: Request): Promise<ApiPrincipal> {
  const token = bearerTokenFrom(request.headers.get("authorization"));
  if (!token) throw new UnauthorizedTokenError(MISSING_TOKEN, false);
  const principal = await authenticateApiToken(getDb(), token, { ip: clientIpFrom(request.headers) });
  if (!principal) throw new UnauthorizedTokenError(BAD_TOKEN, true);
  return { ...principal.user, apiTokenId: principal.tokenId };
}

function errorResponse(request: Request, error: unknown): Response {
  if (error instanceof AppError) {
    // RFC 6750: a 401 names the scheme, and says when the token itself was the problem.
    const headers =
      error instanceof UnauthorizedTokenError ? { "WWW-Authenticate": `Bearer realm="wiregui"${error.isTokenRefused ? ', error="invalid_token"' : ""}` } : undefined;
    return errorAnswer(request, error, headers);
  }
  console.error("[api] unexpected error", error);
  return jsonError("Internal server error", 500);
}

export function defineEndpoint<S extends z.ZodType>(
  config: EndpointConfig<S>,
  /** `raw` is the input as sent (after it passed `input`): PATCH handlers merge only the fields given. */
  handler: (context: { actor: ApiPrincipal; input: z.output<S>; raw: Record<string, unknown>; params: Record<string, string>; request: Request }) => Promise<Response>,
): ApiHandler {
  const { authorize, ...doc } = config;
  // Audit events recorded by the handler get the caller's address and user agent.
  const endpoint = (request: Request, context: RouteContext): Promise<Response> =>
    runWithRequestContext(requestContextFrom(request.headers), async () => {
    try {
      // The token first: an anonymous caller's body is never read.
      const actor = await authenticate(request);
      const raw = await readInput(request);
      const { input } = await guard({ input: config.input, authorize }, actor, raw);
      // Next.js gives routes without a dynamic segment no params at all.
      const given: Record<string, string | string[]> = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value)]));
      return await handler({ actor, input, raw: raw as Record<string, unknown>, params, request });
    } catch (error) {
      return errorResponse(request, error);
    }
    });
  return Object.assign(endpoint, { doc });
}

/** A resource: one path and its methods. Route files re-export `handlers`; the OpenAPI document reads `path`. */
export interface ApiResource {
  path: string;
  handlers: Partial<Record<HttpMethod, ApiHandler>>;
}

export function defineResource<H extends Partial<Record<HttpMethod, ApiHandler>>>(path: string, handlers: H): { path: string; handlers: H } {
  return { path, handlers };
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}
