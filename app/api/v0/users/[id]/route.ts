// GET, PATCH, DELETE /api/v0/users/{id} (bearer token; see lib/api/resources/users.ts).
import { user } from "@/lib/api/resources/users";

export const { GET, PATCH, DELETE } = user.handlers;
