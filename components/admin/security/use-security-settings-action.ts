"use client";

import { useRouter } from "next/navigation";
import { updateSecuritySettingsAction } from "@/app/(app)/admin/settings/security/actions";
import { useServerAction } from "../../ui/use-server-action";

/** Both Security forms save through the one action; the page re-renders with the stored values. */
export function useSecuritySettingsAction() {
  const router = useRouter();
  return useServerAction(updateSecuritySettingsAction, { onSuccess: () => router.refresh() });
}
