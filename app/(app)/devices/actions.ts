"use server";

import { revalidatePath } from "next/cache";
import { isSignedIn } from "@/lib/auth/permissions";
import { createDeviceFormSchema, deviceIdSchema, updateDeviceSchema } from "@/lib/devices/schemas";
import { defineAction } from "@/lib/server/action";
import { createDeviceAs, deleteDeviceAs, getDeviceConfig, updateDeviceAs } from "@/lib/server/devices";

// Signed-in is the entry check; lib/server/devices.ts then checks ownership and the device switches
// against the device and the configuration, for these actions and the REST API alike.
// Creating and deleting revalidate no list page: that made the answer carry the re-rendered list
// (every device). The lists refetch their own page instead (React Query invalidation).

export const createDeviceAction = defineAction({ input: createDeviceFormSchema, authorize: isSignedIn }, async (input, { actor }) => createDeviceAs(actor, input));

export const updateDeviceAction = defineAction({ input: updateDeviceSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const device = await updateDeviceAs(actor, input);
  revalidatePath(`/devices/${device.id}`);
  return { id: device.id };
});

export const deleteDeviceAction = defineAction({ input: deviceIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => deleteDeviceAs(actor, id));

export const getDeviceConfigAction = defineAction({ input: deviceIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => getDeviceConfig(actor, id));
