"use client";

import { useRouter } from "next/navigation";
import { setLocalAuthAction } from "@/app/(app)/admin/settings/authentication/actions";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { useServerAction } from "../../ui/use-server-action";

export function LocalAuthForm({ isEnabled, canDisable }: { isEnabled: boolean; canDisable: boolean }) {
  const router = useRouter();
  const action = useServerAction(setLocalAuthAction, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Password sign-in is <strong>{isEnabled ? "on" : "off"}</strong>.{" "}
        {isEnabled
          ? canDisable
            ? "Turning it off leaves single sign-on as the only way in."
            : "It can be turned off once an administrator has signed in through an enabled SSO provider."
          : "Only single sign-on works. `wiregui reset-admin-password` on the server turns it back on."}
      </p>
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Button type="button" variant="secondary" isPending={action.isPending} onClick={() => action.run({ isLocalAuthEnabled: !isEnabled })}>
        {isEnabled ? "Turn password sign-in off" : "Turn password sign-in on"}
      </Button>
    </div>
  );
}
