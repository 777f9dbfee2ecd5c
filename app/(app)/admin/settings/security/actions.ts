"use server";

import { revalidatePath } from "next/cache";
import { canEditSettings } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { updateSecuritySettings } from "@/lib/settings/security-settings";
import { securitySettingsSchema } from "@/lib/validation/settings";

export const updateSecuritySettingsAction = defineAction({ input: securitySettingsSchema, authorize: canEditSettings }, async (input, { actor }) => {
  const { changed } = await updateSecuritySettings(getDb(), actor, input);
  // Device pages show the switches' effect and the session notice.
  revalidatePath("/", "layout");
  return { saved: true, changed };
});
