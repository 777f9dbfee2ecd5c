import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConflictError, ValidationError } from "./errors";
import { createActionFactory, guard, validationErrorFrom, type Principal } from "./guard";

const admin: Principal = {
  id: "u-admin",
  email: "admin@example.com",
  name: "Admin",
  role: "admin",
  theme: "auto",
  isDisabled: false,
  sessionVersion: 0,
};

const input = z.object({
  name: z.string().min(1, "is required"),
  port: z.number().int().max(65535, "must be at most 65535"),
});

function setup(actor: Principal | null = admin) {
  const logged: unknown[] = [];
  const defineAction = createActionFactory(
    async () => actor,
    (error) => logged.push(error),
  );
  return { defineAction, logged };
}

describe("createActionFactory", () => {
  it("returns the handler's data on success", async () => {
    const { defineAction, logged } = setup();
    const action = defineAction({ input, authorize: () => true }, async (parsed, { actor }) => ({ greeting: `${parsed.name}:${parsed.port}`, by: actor.id }));
    expect(await action({ name: "wg", port: 51820 })).toEqual({ ok: true, data: { greeting: "wg:51820", by: "u-admin" } });
    expect(logged).toEqual([]);
  });

  it("passes parsed input to the handler", async () => {
    const { defineAction } = setup();
    const trimmed = z.object({ email: z.string().trim().toLowerCase() });
    const action = defineAction({ input: trimmed, authorize: () => true }, async (parsed) => parsed.email);
    expect(await action({ email: "  Bob@Example.COM " })).toEqual({ ok: true, data: "bob@example.com" });
  });

  it("returns 401 without an actor and does not run the handler", async () => {
    const { defineAction } = setup(null);
    let called = false;
    const action = defineAction({ input, authorize: () => true }, async () => {
      called = true;
    });
    const result = await action({ name: "wg", port: 1 });
    expect(result).toMatchObject({ ok: false, status: 401, error: "You are not signed in." });
    expect(called).toBe(false);
  });

  it("authenticates before parsing", async () => {
    const { defineAction } = setup(null);
    const action = defineAction({ input, authorize: () => true }, async () => "ran");
    const result = await action({ name: "", port: 70000 });
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(result.ok === false && result.fieldErrors).toBeFalsy();
  });

  it("returns 400 with field errors for invalid input", async () => {
    const { defineAction } = setup();
    let called = false;
    const action = defineAction({ input, authorize: () => true }, async () => {
      called = true;
    });
    const result = await action({ name: "", port: 70000 });
    expect(result).toEqual({
      ok: false,
      status: 400,
      error: "name: is required",
      fieldErrors: { name: "is required", port: "must be at most 65535" },
    });
    expect(called).toBe(false);
  });

  it("does not call authorize with invalid input", async () => {
    const { defineAction } = setup();
    let authorizeCalls = 0;
    const action = defineAction(
      {
        input,
        authorize: () => {
          authorizeCalls++;
          return true;
        },
      },
      async () => "ran",
    );
    expect(await action({ name: "", port: 1 })).toMatchObject({ ok: false, status: 400 });
    expect(authorizeCalls).toBe(0);
  });

  it("returns 403 when authorize refuses and does not run the handler", async () => {
    const { defineAction } = setup();
    let called = false;
    const action = defineAction({ input, authorize: () => false }, async () => {
      called = true;
    });
    expect(await action({ name: "wg", port: 1 })).toMatchObject({ ok: false, status: 403 });
    expect(called).toBe(false);
  });

  it("awaits an async authorize", async () => {
    const { defineAction } = setup();
    const action = defineAction({ input, authorize: async () => false }, async () => "ran");
    expect(await action({ name: "wg", port: 1 })).toMatchObject({ ok: false, status: 403 });
  });

  it("passes the actor and parsed input to authorize", async () => {
    const { defineAction } = setup();
    const seen: unknown[] = [];
    const schema = z.object({ id: z.string().trim() });
    const action = defineAction(
      {
        input: schema,
        authorize: (actor, parsed) => {
          seen.push(actor, parsed);
          return parsed.id === actor.id;
        },
      },
      async (parsed) => parsed.id,
    );
    expect(await action({ id: " u-admin " })).toEqual({ ok: true, data: "u-admin" });
    expect(seen).toEqual([admin, { id: "u-admin" }]);
    expect(await action({ id: "u-other" })).toMatchObject({ ok: false, status: 403 });
  });

  it("turns an AppError from the handler into its status and field errors", async () => {
    const { defineAction, logged } = setup();
    const action = defineAction({ input, authorize: () => true }, async () => {
      throw new ConflictError("A device with that name exists.", { name: "is already used" });
    });
    expect(await action({ name: "wg", port: 1 })).toEqual({
      ok: false,
      status: 409,
      error: "A device with that name exists.",
      fieldErrors: { name: "is already used" },
    });
    expect(logged).toEqual([]);
  });

  it("hides and logs an unexpected error", async () => {
    const { defineAction, logged } = setup();
    const failure = new Error("connection refused at 10.0.0.5:5432");
    const action = defineAction({ input, authorize: () => true }, async () => {
      throw failure;
    });
    const result = await action({ name: "wg", port: 1 });
    expect(result).toEqual({ ok: false, status: 500, error: "Something went wrong on the server. The error was logged." });
    expect(logged).toEqual([failure]);
  });

  it("logs an error thrown while resolving the actor", async () => {
    const logged: unknown[] = [];
    const failure = new Error("session store down");
    const defineAction = createActionFactory(
      async () => {
        throw failure;
      },
      (error) => logged.push(error),
    );
    const action = defineAction({ input, authorize: () => true }, async () => "ran");
    expect(await action({ name: "wg", port: 1 })).toMatchObject({ ok: false, status: 500 });
    expect(logged).toEqual([failure]);
  });
});

describe("guard", () => {
  it("returns the actor and parsed input", async () => {
    const result = await guard({ input, authorize: () => true }, admin, { name: "wg", port: 1, extra: true });
    expect(result).toEqual({ actor: admin, input: { name: "wg", port: 1 } });
  });

  it("throws a ValidationError for invalid input", async () => {
    await expect(guard({ input, authorize: () => true }, admin, { name: "wg" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("validationErrorFrom", () => {
  it("keys nested paths with dots and keeps the first message per field", () => {
    const schema = z.object({
      peer: z.object({ endpoint: z.string().min(3, "is too short").regex(/^[a-z]+$/, "must be lowercase") }),
    });
    const parsed = schema.safeParse({ peer: { endpoint: "A" } });
    expect(parsed.success).toBe(false);
    const error = validationErrorFrom(parsed.error!);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ "peer.endpoint": "is too short" });
    expect(error.message).toBe("peer.endpoint: is too short");
  });

  it("uses 'input' for an issue without a path", () => {
    const parsed = z.string({ message: "must be text" }).safeParse(42);
    const error = validationErrorFrom(parsed.error!);
    expect(error.fieldErrors).toEqual({ input: "must be text" });
    expect(error.message).toBe("input: must be text");
  });
});

describe("createActionFactory request context", () => {
  it("runs the whole action, authorization included, inside the caller's request context", async () => {
    const { getRequestContext } = await import("../request-context");
    const request = { ip: "192.0.2.10", userAgent: "Chromium test" };
    const seen: unknown[] = [];
    const defineAction = createActionFactory(async () => admin, () => {}, async () => request);
    const action = defineAction(
      { input, authorize: () => (seen.push(getRequestContext()), true) },
      async () => getRequestContext(),
    );
    expect(await action({ name: "wg", port: 1 })).toEqual({ ok: true, data: request });
    expect(seen).toEqual([request]);
    expect(getRequestContext()).toBeNull();
  });
});
