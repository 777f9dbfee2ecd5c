// Typed errors that server actions and route handlers turn into user-facing answers.
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: FieldErrors,
    /** A machine-readable reason the client acts on (e.g. asking for the password again). */
    readonly code?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 400, fieldErrors);
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super("You are not signed in.", 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what} was not found.`, 404);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 409, fieldErrors);
  }
}

export const REAUTHENTICATION_REQUIRED = "reauthentication_required";

/** A sensitive change without a recent password (and code): the client asks for them and retries. */
export class ReauthenticationRequiredError extends AppError {
  constructor() {
    super("Confirm it is you: enter your password again to continue.", 403, undefined, REAUTHENTICATION_REQUIRED);
  }
}
