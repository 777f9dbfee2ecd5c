// GET, POST /api/v0/devices (bearer token; see lib/api/resources/devices.ts).
import { devices } from "@/lib/api/resources/devices";

export const { GET, POST } = devices.handlers;
