"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteDeviceAction } from "@/app/(app)/devices/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { useServerAction } from "../ui/use-server-action";
import { DEVICES_KEY } from "./device-queries";

export function DeleteDeviceButton({ id, name, returnTo }: { id: string; name: string; returnTo: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isOpen, setIsOpen] = useState(false);
  const action = useServerAction(deleteDeviceAction, {
    onSuccess: () => {
      // The list page renders afresh on the way back; lists cached in this tab must not show the device either.
      void queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
      router.replace(returnTo);
    },
  });
  return (
    <>
      <Button type="button" variant="danger" onClick={() => setIsOpen(true)}>
        Delete device
      </Button>
      <Dialog isOpen={isOpen} onClose={() => setIsOpen(false)} title={`Delete ${name}?`}>
        <div className="space-y-4">
          <p className="text-sm text-muted">The peer is removed from the WireGuard server at once and this device can no longer connect. This cannot be undone.</p>
          {action.error && <Alert tone="error">{action.error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
            <Button type="button" variant="danger" isPending={action.isPending} onClick={() => action.run({ id })}>
              Delete
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
