"use client";

import { MAX_DEVICES_PER_USER_RANGE } from "@/lib/validation/limits";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DataForm } from "../../ui/data-form";
import { Field, TextInput } from "../../ui/field";
import { useSecuritySettingsAction } from "./use-security-settings-action";

const { min, max } = MAX_DEVICES_PER_USER_RANGE;

/** The Limits card: how many devices each user may own. */
export function DeviceLimitForm({ maxDevicesPerUser }: { maxDevicesPerUser: number }) {
  const action = useSecuritySettingsAction();
  const error = action.fieldErrors.maxDevicesPerUser;
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        const text = String(form.get("maxDevicesPerUser") ?? "").trim();
        // Blank or not a number: the server names the field and the range.
        action.run({ maxDevicesPerUser: text === "" ? Number.NaN : Number(text) });
      }}
    >
      {action.isSuccess && <Alert tone="success">Device limit saved.</Alert>}
      {action.error && !error && <Alert tone="error">{action.error}</Alert>}
      <div className="max-w-xs">
        <Field label="Devices per user" name="maxDevicesPerUser" error={error} hint={`${min} to ${max}.`}>
          <TextInput name="maxDevicesPerUser" type="number" inputMode="numeric" min={min} max={max} step={1} defaultValue={maxDevicesPerUser} error={error} required />
        </Field>
      </div>
      <p className="text-sm text-muted">
        A user who has this many devices cannot add another, in the pages or the API, until they delete one. Administrators&apos; own devices are not
        limited. An administrator adding a device for a user at the limit is refused too, unless they choose to exceed it.
      </p>
      <Button type="submit" isPending={action.isPending}>
        Save device limit
      </Button>
    </DataForm>
  );
}
