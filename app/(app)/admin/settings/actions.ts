"use server";

import { revalidatePath } from "next/cache";
import { canEditSettings } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/server/action";
import { saveClientSettings } from "@/lib/server/settings";
import { clientSettingsSchema } from "@/lib/validation/settings";

export const updateClientSettingsAction = defineAction({ input: clientSettingsSchema, authorize: canEditSettings }, async (input, { actor }) => {
  await saveClientSettings(actor, input);
  revalidatePath("/", "layout");
  return { saved: true };
});
