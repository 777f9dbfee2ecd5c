"use server";

import { revalidatePath } from "next/cache";
import { canEditSettings } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/db/audit";
import { updateConfiguration } from "@/lib/db/configuration";
import { defineAction } from "@/lib/server/action";
import { getDb } from "@/lib/server/db";
import { clientSettingsSchema } from "@/lib/validation/settings";

export const updateClientSettingsAction = defineAction({ input: clientSettingsSchema, authorize: canEditSettings }, async (input, { actor }) => {
  const db = getDb();
  await updateConfiguration(db, input);
  await recordAuditEvent(db, { actor, action: "settings.updated", targetType: "configuration", details: input });
  revalidatePath("/", "layout");
  return { saved: true };
});
