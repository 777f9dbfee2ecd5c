"use client";

import { useRouter } from "next/navigation";
import { setIdpNetworkAction } from "@/app/(app)/admin/settings/authentication/actions";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Checkbox } from "../../ui/checkbox";
import { DataForm } from "../../ui/data-form";
import { useServerAction } from "../../ui/use-server-action";

export function IdpNetworkForm({ isAllowed }: { isAllowed: boolean }) {
  const router = useRouter();
  const action = useServerAction(setIdpNetworkAction, { onSuccess: () => router.refresh() });
  return (
    <DataForm className="space-y-4" onData={(form) => action.run({ allowPrivateIdpAddresses: form.get("allowPrivateIdpAddresses") === "on" })}>
      {action.isSuccess && <Alert tone="success">Identity provider network setting saved.</Alert>}
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Checkbox
        name="allowPrivateIdpAddresses"
        label="Allow identity providers on private networks"
        hint="Lets the server fetch discovery documents, metadata and tokens from loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10) and link-local addresses. Leave it off unless your IdP runs on your own network."
        defaultChecked={isAllowed}
        error={action.fieldErrors.allowPrivateIdpAddresses}
      />
      <Button type="submit" variant="secondary" isPending={action.isPending}>
        Save network setting
      </Button>
    </DataForm>
  );
}
