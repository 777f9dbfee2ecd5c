import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { deviceSettingsSchema } from "@/lib/devices/schemas";
import { deleteDeviceAs, getDevice, updateDeviceAs } from "@/lib/server/devices";
import { defineRoute } from "@/lib/server/route";

const deviceId = (params: Record<string, string | string[]>) => String(params.id);

export const GET = defineRoute({ input: z.object({}), authorize: isSignedIn }, async ({ actor, params }) =>
  Response.json({ device: await getDevice(actor, deviceId(params)) }),
);

export const PUT = defineRoute({ input: deviceSettingsSchema, authorize: isSignedIn }, async ({ actor, input, params }) =>
  Response.json({ device: await updateDeviceAs(actor, { id: deviceId(params), settings: input }) }),
);

export const DELETE = defineRoute({ input: z.object({}), authorize: isSignedIn }, async ({ actor, params }) => {
  await deleteDeviceAs(actor, deviceId(params));
  return new Response(null, { status: 204 });
});
