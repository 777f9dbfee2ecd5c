"use client";

import type { ReactNode } from "react";
import type { SecuritySettingsInput } from "@/lib/validation/settings";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Checkbox } from "../../ui/checkbox";
import { DataForm } from "../../ui/data-form";
import { useSecuritySettingsAction } from "./use-security-settings-action";

/** The on/off Security settings. */
export type SecuritySwitchName = { [Key in keyof SecuritySettingsInput]-?: NonNullable<SecuritySettingsInput[Key]> extends boolean ? Key : never }[keyof SecuritySettingsInput];

export interface SecuritySwitch<Name extends SecuritySwitchName> {
  name: Name;
  label: string;
  hint: string;
}

/** A Security card made of switches, saved together: every switch is sent, checked or not. */
export function SwitchesForm<Name extends SecuritySwitchName>({
  switches,
  initial,
  savedMessage,
  submitLabel,
  children,
}: {
  switches: ReadonlyArray<SecuritySwitch<Name>>;
  initial: Record<Name, boolean>;
  savedMessage: string;
  submitLabel: string;
  children?: ReactNode;
}) {
  const action = useSecuritySettingsAction();
  const hasFieldError = switches.some((item) => action.fieldErrors[item.name]);
  return (
    <DataForm className="space-y-4" onData={(form) => action.run(Object.fromEntries(switches.map((item) => [item.name, form.get(item.name) === "on"])))}>
      {action.isSuccess && <Alert tone="success">{savedMessage}</Alert>}
      {action.error && !hasFieldError && <Alert tone="error">{action.error}</Alert>}
      <div className="space-y-3">
        {switches.map((item) => (
          <Checkbox key={item.name} name={item.name} label={item.label} hint={item.hint} defaultChecked={initial[item.name]} error={action.fieldErrors[item.name]} />
        ))}
      </div>
      {children}
      <Button type="submit" isPending={action.isPending}>
        {submitLabel}
      </Button>
    </DataForm>
  );
}
