"use client";

import { useQueryClient } from "@tanstack/react-query";
import { updateDeviceAction } from "@/app/(app)/devices/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useServerAction } from "../ui/use-server-action";
import { DEVICES_KEY } from "./device-queries";
import { DeviceFormFields, readDeviceForm, settingsFieldErrors, type DeviceDefaults, type DeviceFormValues } from "./device-form";
import { DataForm } from "../ui/data-form";

/** The action re-renders this device's page (revalidatePath); the device lists refetch their own pages. */
export function EditDeviceForm({ id, initial, defaults, canConfigure }: { id: string; initial: DeviceFormValues; defaults: DeviceDefaults; canConfigure: boolean }) {
  const queryClient = useQueryClient();
  const action = useServerAction(updateDeviceAction, {
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: DEVICES_KEY }), queryClient.invalidateQueries({ queryKey: ["device", id] })]).then(() => undefined),
  });
  const errors = settingsFieldErrors(action.fieldErrors);
  return (
    <DataForm className="space-y-4" onData={(_data, form) => action.run({ id, settings: readDeviceForm(form) })}>
      {action.isSuccess && <Alert tone="success">Device saved.</Alert>}
      {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
      <DeviceFormFields initial={initial} defaults={defaults} errors={errors} canConfigure={canConfigure} />
      <Button type="submit" isPending={action.isPending}>
        Save changes
      </Button>
    </DataForm>
  );
}
