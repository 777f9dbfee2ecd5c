"use client";

import { getDeviceConfigAction } from "@/app/(app)/devices/actions";
import { Button } from "../ui/button";
import { useServerAction } from "../ui/use-server-action";
import { downloadText } from "./device-config-view";

/** The stored configuration (no private key: the server never kept it) as a .conf file. */
export function DownloadConfigButton({ id }: { id: string }) {
  const action = useServerAction(getDeviceConfigAction, { onSuccess: ({ fileName, config }) => downloadText(fileName, config) });
  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" isPending={action.isPending} onClick={() => action.run({ id })}>
        Download configuration
      </Button>
      {action.error && <p className="text-sm text-danger">{action.error}</p>}
    </div>
  );
}
