// GET, POST /api/v0/rules (bearer token; see lib/api/resources/rules.ts).
import { rules } from "@/lib/api/resources/rules";

export const { GET, POST } = rules.handlers;
