// GET /api/v0/me (bearer token; see lib/api/resources/me.ts).
import { me } from "@/lib/api/resources/me";

export const { GET } = me.handlers;
