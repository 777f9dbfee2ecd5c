// GET, POST /api/v0/users (bearer token; see lib/api/resources/users.ts).
import { users } from "@/lib/api/resources/users";

export const { GET, POST } = users.handlers;
