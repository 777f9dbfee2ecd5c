// GET, PATCH, DELETE /api/v0/devices/{id} (bearer token; see lib/api/resources/devices.ts).
import { device } from "@/lib/api/resources/devices";

export const { GET, PATCH, DELETE } = device.handlers;
