"use client";

import { SwitchesForm } from "./switches-form";

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
  return <SwitchesForm switches={switches} initial={initial} savedMessage="Device permissions saved." submitLabel="Save device permissions" />;
}
