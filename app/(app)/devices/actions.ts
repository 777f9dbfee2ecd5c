"use server";

import { revalidatePath } from "next/cache";
import { isSignedIn } from "@/lib/auth/permissions";
import { createDeviceSchema, deviceIdSchema, updateDeviceSchema } from "@/lib/devices/schemas";
import { defineAction } from "@/lib/server/action";
import { createDeviceAs, deleteDeviceAs, getDeviceConfig, updateDeviceAs } from "@/lib/server/devices";

// Signed-in is the entry check; lib/server/devices.ts then checks ownership and the device switches
// against the device and the configuration, for these actions and the REST API alike.

export const createDeviceAction = defineAction({ input: createDeviceSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const created = await createDeviceAs(actor, input);
  revalidatePath("/devices");
  revalidatePath("/admin/devices");
  return created;
});

export const updateDeviceAction = defineAction({ input: updateDeviceSchema, authorize: isSignedIn }, async (input, { actor }) => {
  const device = await updateDeviceAs(actor, input);
  revalidatePath(`/devices/${device.id}`);
  return { id: device.id };
});

export const deleteDeviceAction = defineAction({ input: deviceIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => {
  const deleted = await deleteDeviceAs(actor, id);
  revalidatePath("/devices");
  revalidatePath("/admin/devices");
  return deleted;
});

export const getDeviceConfigAction = defineAction({ input: deviceIdSchema, authorize: isSignedIn }, async ({ id }, { actor }) => getDeviceConfig(actor, id));
