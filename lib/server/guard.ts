// The one wrapper for server actions and route handlers: authenticate, parse, authorize, run,
// and turn failures into a typed result. Free of Next.js imports so it can be unit-tested.
import type { z } from "zod";
import type { UserPrincipal } from "../db/users";
import { runWithRequestContext, type RequestContext } from "../request-context";
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError, type FieldErrors } from "./errors";

export type Principal = UserPrincipal;

export type Authorize<I> = (actor: Principal, input: I) => boolean | Promise<boolean>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; status: number; fieldErrors?: FieldErrors; code?: string };

export interface GuardConfig<S extends z.ZodType> {
  input: S;
  authorize: Authorize<z.output<S>>;
}

export function validationErrorFrom(error: z.ZodError): ValidationError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "input";
    fieldErrors[field] ??= issue.message;
  }
  const [field, message] = Object.entries(fieldErrors)[0] ?? ["input", "is invalid"];
  return new ValidationError(`${field}: ${message}`, fieldErrors);
}

/** Runs the checks in order; throws AppError subclasses. */
export async function guard<S extends z.ZodType>(
  config: GuardConfig<S>,
  actor: Principal | null,
  raw: unknown,
): Promise<{ actor: Principal; input: z.output<S> }> {
  if (!actor) throw new UnauthenticatedError();
  const parsed = config.input.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  if (!(await config.authorize(actor, parsed.data))) throw new ForbiddenError();
  return { actor, input: parsed.data };
}

export function toActionFailure(error: unknown, logUnexpected: (error: unknown) => void): ActionResult<never> {
  if (error instanceof AppError) {
    return { ok: false, error: error.message, status: error.status, fieldErrors: error.fieldErrors, ...(error.code && { code: error.code }) };
  }
  logUnexpected(error);
  return { ok: false, error: "Something went wrong on the server. The error was logged.", status: 500 };
}

/** resolveRequest: the caller's address and user agent, for the audit events the handler records. */
export function createActionFactory(
  resolveActor: () => Promise<Principal | null>,
  logUnexpected: (error: unknown) => void,
  resolveRequest: () => Promise<RequestContext> = async () => ({ ip: null, userAgent: null }),
) {
  return function defineAction<S extends z.ZodType, T>(
    config: GuardConfig<S>,
    handler: (input: z.output<S>, context: { actor: Principal }) => Promise<T>,
  ): (raw: z.input<S>) => Promise<ActionResult<T>> {
    return async (raw) => {
      try {
        const request = await resolveRequest();
        return await runWithRequestContext(request, async () => {
          const { actor, input } = await guard(config, await resolveActor(), raw);
          return { ok: true as const, data: await handler(input, { actor }) };
        });
      } catch (error) {
        return toActionFailure(error, logUnexpected);
      }
    };
  };
}
