// GET, PATCH /api/v0/configuration (bearer token; see lib/api/resources/configuration.ts).
import { configuration } from "@/lib/api/resources/configuration";

export const { GET, PATCH } = configuration.handlers;
