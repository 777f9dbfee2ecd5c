// /users and /users/{id} (administrators): the same service as the Users pages, so self and
// last-administrator protection, session ends and audit entries are theirs.
import { z } from "zod";
import { canManageUsers } from "../../auth/permissions";
import { getDb } from "../../server/db";
import { NotFoundError } from "../../server/errors";
import { getUserSummaryFor, searchUsersFor } from "../../server/users";
import { addUser, deleteUser, updateUser } from "../../users/service";
import { createUserSchema, emailSchema, passwordSchema, roleSchema } from "../../validation/account";
import { defineEndpoint, defineResource, json, type ApiPrincipal } from "../endpoint";
import { isUuid, listEnvelope, listResponse, noInput, pagingQuery, timestamp } from "../schemas";

export const userSchema = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "unprivileged"]),
  isDisabled: z.boolean(),
  deviceCount: z.number().int(),
  lastSignInAt: timestamp.nullable(),
  lastSignInMethod: z.string().nullable().describe("local, oidc:<slug> or saml:<slug>"),
  createdAt: timestamp,
});

type UserSummary = NonNullable<Awaited<ReturnType<typeof getUserSummaryFor>>>;

export function presentUser(user: UserSummary): z.output<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    isDisabled: user.isDisabled,
    deviceCount: user.deviceCount,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    lastSignInMethod: user.lastSignInMethod,
    createdAt: user.createdAt.toISOString(),
  };
}

export const listUsersQuery = pagingQuery.extend({
  q: z.string().trim().max(320, "must be at most 320 characters").default("").describe("Part of the email or name, case-insensitive."),
});

/** Only the fields given change; a new role, password or disabling signs the user out everywhere. */
export const updateUserPatch = z.strictObject({
  email: emailSchema.optional(),
  role: roleSchema.optional(),
  password: passwordSchema.optional(),
  isDisabled: z.boolean().optional(),
});

async function loadUser(actor: ApiPrincipal, id: string): Promise<UserSummary> {
  const user = isUuid(id) ? await getUserSummaryFor(actor, id) : null;
  if (!user) throw new NotFoundError("The user");
  return user;
}

const adminOnly = { isAdminOnly: true, authorize: canManageUsers } as const;

export const users = defineResource("/users", {
  GET: defineEndpoint(
    { ...adminOnly, summary: "List users", description: "Sorted by email; `q` searches email and name.", input: listUsersQuery, success: { status: 200, description: "One page of users.", schema: listEnvelope(userSchema) } },
    async ({ actor, input }) => {
      const { rows, total } = await searchUsersFor(actor, { query: input.q, page: input.page, pageSize: input.per_page });
      return json(listResponse(rows.map(presentUser), { page: input.page, perPage: input.per_page, total }));
    },
  ),
  POST: defineEndpoint(
    { ...adminOnly, summary: "Add a password user", input: createUserSchema, success: { status: 201, description: "The new user.", schema: userSchema }, errors: [409] },
    async ({ actor, input }) => {
      const user = await addUser(getDb(), actor, input);
      return json(presentUser(await loadUser(actor, user.id)), 201);
    },
  ),
});

export const user = defineResource("/users/{id}", {
  GET: defineEndpoint(
    { ...adminOnly, summary: "One user", input: noInput, success: { status: 200, description: "The user.", schema: userSchema }, errors: [404] },
    async ({ actor, params }) => json(presentUser(await loadUser(actor, params.id!))),
  ),
  PATCH: defineEndpoint(
    {
      ...adminOnly,
      summary: "Change a user",
      description: "Email, role, password, disabled. Nobody can demote or disable themselves, and the last enabled administrator stays one (400).",
      input: updateUserPatch,
      success: { status: 200, description: "The user after the change.", schema: userSchema },
      errors: [404, 409],
    },
    async ({ actor, input, params }) => {
      const current = await loadUser(actor, params.id!);
      if (Object.keys(input).length === 0) return json(presentUser(current));
      await updateUser(getDb(), actor, {
        id: current.id,
        email: input.email ?? current.email,
        role: input.role ?? current.role,
        password: input.password ?? "",
        isDisabled: input.isDisabled ?? current.isDisabled,
      });
      return json(presentUser(await loadUser(actor, current.id)));
    },
  ),
  DELETE: defineEndpoint(
    { ...adminOnly, summary: "Delete a user", description: "Their devices go too (their peers leave WireGuard at once). Not yourself, not the last enabled administrator (400).", input: noInput, success: { status: 204, description: "Deleted." }, errors: [404] },
    async ({ actor, params }) => {
      const current = await loadUser(actor, params.id!);
      await deleteUser(getDb(), actor, current.id);
      return new Response(null, { status: 204 });
    },
  ),
});
