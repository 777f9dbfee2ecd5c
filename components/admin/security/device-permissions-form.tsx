"use client";

import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Checkbox } from "../../ui/checkbox";
import { DataForm } from "../../ui/data-form";
import { useSecuritySettingsAction } from "./use-security-settings-action";

export interface DevicePermissionValues {
  allowUnprivilegedDeviceManagement: boolean;
  allowUnprivilegedDeviceConfiguration: boolean;
}

const switches = [
  {
    name: "allowUnprivilegedDeviceManagement",
    label: "Users may add, edit and delete their own devices",
    hint: "Off: an administrator creates and removes devices for them.",
  },
  {
    name: "allowUnprivilegedDeviceConfiguration",
    label: "Users may change their devices' connection settings",
    hint: "Off: devices keep the client defaults (allowed IPs, DNS, endpoint, MTU, keepalive).",
  },
] as const;

export function DevicePermissionsForm({ initial }: { initial: DevicePermissionValues }) {
  const action = useSecuritySettingsAction();
  return (
    <DataForm
      className="space-y-4"
      onData={(form) =>
        action.run({
          allowUnprivilegedDeviceManagement: form.get("allowUnprivilegedDeviceManagement") === "on",
          allowUnprivilegedDeviceConfiguration: form.get("allowUnprivilegedDeviceConfiguration") === "on",
        })
      }
    >
      {action.isSuccess && <Alert tone="success">Device permissions saved.</Alert>}
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <div className="space-y-3">
        {switches.map((item) => (
          <Checkbox key={item.name} name={item.name} label={item.label} hint={item.hint} defaultChecked={initial[item.name]} error={action.fieldErrors[item.name]} />
        ))}
      </div>
      <Button type="submit" isPending={action.isPending}>
        Save device permissions
      </Button>
    </DataForm>
  );
}
