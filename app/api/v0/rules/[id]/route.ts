// GET, PATCH, DELETE /api/v0/rules/{id} (bearer token; see lib/api/resources/rules.ts).
import { rule } from "@/lib/api/resources/rules";

export const { GET, PATCH, DELETE } = rule.handlers;
