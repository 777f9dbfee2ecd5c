"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createDeviceAction } from "@/app/(app)/devices/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Checkbox } from "../ui/checkbox";
import { Dialog } from "../ui/dialog";
import { Field, SelectInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { DeviceConfigView } from "./device-config-view";
import { DeviceFormFields, emptyDeviceForm, readDeviceForm, settingsFieldErrors, type DeviceDefaults } from "./device-form";
import { DataForm } from "../ui/data-form";

export interface OwnerOption {
  id: string;
  email: string;
}

/** "Add device": the form in a dialog, then the one-time configuration dialog. */
export function CreateDeviceButton({ defaults, canConfigure, owners }: { defaults: DeviceDefaults; canConfigure: boolean; owners?: OwnerOption[] }) {
  const router = useRouter();
  const [isFormOpen, setIsFormOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const action = useServerAction(createDeviceAction, {
    onSuccess: () => {
      setIsFormOpen(false);
      router.refresh();
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
            const owner = data.get("userId");
            const exceedDeviceLimit = data.get("exceedDeviceLimit") === "on";
            action.run({ userId: owner ? String(owner) : undefined, settings: readDeviceForm(form), ...(exceedDeviceLimit && { exceedDeviceLimit }) });
          }}
        >
          {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
          <DeviceFormFields
            initial={emptyDeviceForm}
            defaults={defaults}
            errors={errors}
            canConfigure={canConfigure}
            extra={
              owners && (
                <>
                  <Field label="Owner" name="userId" error={errors.userId}>
                    <SelectInput name="userId" defaultValue={owners[0]?.id}>
                      {owners.map((owner) => (
                        <option key={owner.id} value={owner.id}>
                          {owner.email}
                        </option>
                      ))}
                    </SelectInput>
                  </Field>
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
