"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createDeviceAction } from "@/app/(app)/devices/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Checkbox } from "../ui/checkbox";
import { Dialog } from "../ui/dialog";
import { useServerAction } from "../ui/use-server-action";
import { DeviceConfigView } from "./device-config-view";
import { DEVICES_KEY } from "./device-queries";
import { DeviceFormFields, emptyDeviceForm, readDeviceForm, settingsFieldErrors, type DeviceDefaults } from "./device-form";
import { OwnerEmailField } from "./owner-email-field";
import { DataForm } from "../ui/data-form";

/**
 * "Add device": the form in a dialog, then the one-time configuration dialog. The action answers
 * the new device only; the lists on screen refetch their own page (invalidation). With
 * `defaultOwnerEmail` (admins) the form asks whose device it is.
 */
export function CreateDeviceButton({ defaults, canConfigure, defaultOwnerEmail }: { defaults: DeviceDefaults; canConfigure: boolean; defaultOwnerEmail?: string }) {
  const queryClient = useQueryClient();
  const [isFormOpen, setIsFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const action = useServerAction(createDeviceAction, {
    onSuccess: () => {
      setIsFormOpen(false);
      void queryClient.invalidateQueries({ queryKey: DEVICES_KEY });
    },
  });
  const created = action.isSuccess && action.data?.ok ? action.data.data : null;
  const errors = settingsFieldErrors(action.fieldErrors);
  return (
    <>
      <Button
        type="button"
        onClick={() => {
          action.reset();
          setFormKey((key) => key + 1);
          setIsFormOpen(true);
        }}
      >
        Add device
      </Button>
      <Dialog isOpen={isFormOpen} onClose={() => setIsFormOpen(false)} title="Add a device">
        <DataForm
          key={formKey}
          className="space-y-4"
          onData={(data, form) => {
            const exceedDeviceLimit = data.get("exceedDeviceLimit") === "on";
            action.run({ ...(data.has("ownerEmail") && { ownerEmail: String(data.get("ownerEmail")) }), settings: readDeviceForm(form), ...(exceedDeviceLimit && { exceedDeviceLimit }) });
          }}
        >
          {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
          <DeviceFormFields
            initial={emptyDeviceForm}
            defaults={defaults}
            errors={errors}
            canConfigure={canConfigure}
            extra={
              defaultOwnerEmail !== undefined && (
                <>
                  <OwnerEmailField defaultValue={defaultOwnerEmail} error={errors.ownerEmail ?? errors.userId} />
                  <Checkbox
                    name="exceedDeviceLimit"
                    label="Exceed the device limit"
                    hint="Add it even if the user already has as many devices as Settings → Security allows."
                    error={errors.exceedDeviceLimit}
                  />
                </>
              )
            }
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setIsFormOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" isPending={action.isPending}>
              Create device
            </Button>
          </div>
        </DataForm>
      </Dialog>
      <Dialog isOpen={created !== null} onClose={() => action.reset()} title={`${created?.device.name ?? "Device"} is ready`} wide>
        {created && <DeviceConfigView config={created.config} fileName={created.fileName} qrSvg={created.qrSvg} hasPrivateKey={created.hasPrivateKey} />}
      </Dialog>
    </>
  );
}
