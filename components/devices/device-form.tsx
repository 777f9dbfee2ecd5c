"use client";

import { useState, type ReactNode } from "react";
import { ALLOWED_IPS_MAX_ENTRIES, DEVICE_DESCRIPTION_MAX_LENGTH, DEVICE_NAME_MAX_LENGTH, DNS_MAX_ENTRIES } from "@/lib/validation/limits";
import { Field, TextInput } from "../ui/field";

export interface DeviceFormValues {
  name: string;
  description: string;
  useDefaultAllowedIps: boolean;
  allowedIps: string;
  useDefaultDns: boolean;
  dns: string;
  useDefaultEndpoint: boolean;
  endpoint: string;
  useDefaultMtu: boolean;
  mtu: string;
  useDefaultPersistentKeepalive: boolean;
  persistentKeepalive: string;
}

export interface DeviceDefaults {
  allowedIps: string;
  dns: string;
  endpoint: string;
  mtu: string;
  persistentKeepalive: string;
}

export const emptyDeviceForm: DeviceFormValues = {
  name: "",
  description: "",
  useDefaultAllowedIps: true,
  allowedIps: "",
  useDefaultDns: true,
  dns: "",
  useDefaultEndpoint: true,
  endpoint: "",
  useDefaultMtu: true,
  mtu: "",
  useDefaultPersistentKeepalive: true,
  persistentKeepalive: "",
};

const overrides = [
  { key: "AllowedIps", field: "allowedIps", label: "Allowed IPs", switchLabel: "Use the default allowed IPs", hint: `CIDRs the device sends through the tunnel, comma separated; at most ${ALLOWED_IPS_MAX_ENTRIES}.` },
  { key: "Dns", field: "dns", label: "DNS servers", switchLabel: "Use the default DNS servers", hint: `IP addresses, comma separated, at most ${DNS_MAX_ENTRIES}; empty for none.` },
  { key: "Endpoint", field: "endpoint", label: "Endpoint", switchLabel: "Use the default endpoint", hint: "host or host:port the device connects to." },
  { key: "Mtu", field: "mtu", label: "MTU", switchLabel: "Use the default MTU", hint: "576 to 1500; at least 1280 with IPv6." },
  { key: "PersistentKeepalive", field: "persistentKeepalive", label: "Persistent keepalive (seconds)", switchLabel: "Use the default persistent keepalive", hint: "0 to 120; 0 turns it off." },
] as const;

/** Name, description and the five "use default" switches, each revealing its override field. */
export function DeviceFormFields({
  initial,
  defaults,
  errors,
  canConfigure,
  extra,
}: {
  initial: DeviceFormValues;
  defaults: DeviceDefaults;
  errors: Record<string, string>;
  canConfigure: boolean;
  extra?: ReactNode;
}) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof DeviceFormValues>(key: K, value: DeviceFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  return (
    <div className="space-y-4">
      <input type="hidden" name="__values" value={JSON.stringify(values)} />
      {extra}
      <Field label="Name" name="name" error={errors.name}>
        <TextInput name="name" value={values.name} onChange={(event) => set("name", event.target.value)} error={errors.name} maxLength={DEVICE_NAME_MAX_LENGTH} required />
      </Field>
      <Field label="Description" name="description" error={errors.description}>
        <TextInput name="description" value={values.description} onChange={(event) => set("description", event.target.value)} error={errors.description} maxLength={DEVICE_DESCRIPTION_MAX_LENGTH} />
      </Field>
      <fieldset className="space-y-3 rounded-lg border border-border p-4">
        <legend className="px-1 text-sm font-medium">Connection settings</legend>
        {!canConfigure && <p className="text-sm text-muted">Your administrator has turned off changing these; devices use the defaults.</p>}
        {overrides.map(({ key, field, label, switchLabel, hint }) => {
          const switchKey = `useDefault${key}` as const;
          const isDefault = values[switchKey];
          return (
            <div key={key} className="space-y-2">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={switchKey}
                  checked={isDefault}
                  disabled={!canConfigure}
                  onChange={(event) => set(switchKey, event.target.checked)}
                  className="size-4 accent-[var(--accent)]"
                />
                <span>
                  {switchLabel} <span className="text-muted">({defaults[field] || "none"})</span>
                </span>
              </label>
              {!isDefault && (
                <Field label={label} name={field} error={errors[field]} hint={hint}>
                  <TextInput name={field} value={values[field]} onChange={(event) => set(field, event.target.value)} error={errors[field]} />
                </Field>
              )}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Field errors of `settings.name` and the like, keyed by the form's own field names. */
export function settingsFieldErrors(fieldErrors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors).map(([key, message]) => [key.replace(/^settings\./, ""), message]));
}

/** The form's values as the device schema takes them (lists and numbers are parsed on the server). */
export function readDeviceForm(form: HTMLFormElement): DeviceFormValues {
  const raw = new FormData(form).get("__values");
  return raw ? (JSON.parse(String(raw)) as DeviceFormValues) : emptyDeviceForm;
}
