"use client";

import { VPN_SESSION_DURATIONS } from "@/lib/users/vpn-session";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DataForm } from "../../ui/data-form";
import { Field, SelectInput } from "../../ui/field";
import { useSecuritySettingsAction } from "./use-security-settings-action";

const NEVER = "never";

export function VpnSessionForm({ duration, usersWithoutSession }: { duration: number | null; usersWithoutSession: number }) {
  const action = useSecuritySettingsAction();
  const error = action.fieldErrors.vpnSessionDuration;
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        const value = String(form.get("vpnSessionDuration") ?? "");
        action.run({ vpnSessionDuration: value === NEVER ? null : Number(value) });
      }}
    >
      {action.isSuccess && <Alert tone="success">VPN session duration saved. WireGuard follows it within a second.</Alert>}
      {action.error && !error && <Alert tone="error">{action.error}</Alert>}
      <div className="max-w-xs">
        <Field label="VPN session duration" name="vpnSessionDuration" error={error}>
          <SelectInput name="vpnSessionDuration" defaultValue={duration === null ? NEVER : String(duration)} error={error}>
            <option value={NEVER}>Never</option>
            {VPN_SESSION_DURATIONS.map((option) => (
              <option key={option.seconds} value={option.seconds}>
                {option.label}
              </option>
            ))}
          </SelectInput>
        </Field>
      </div>
      <div className="space-y-2 text-sm text-muted">
        <p>
          A session starts when a user signs in, with a password or single sign-on. When it ends, WireGuard drops the peers of all their devices until
          they sign in again, which starts a new session. Using the API does not extend a session.
        </p>
        <p>
          Users who have never signed in have no session: while a duration is set, their devices stay disconnected until they sign in. A shorter
          duration applies at once to sessions that are already older.
        </p>
      </div>
      {duration !== null && (
        <p className="text-sm" data-testid="users-without-session">
          {usersWithoutSession === 0
            ? "Every user with devices has a live session right now."
            : `${usersWithoutSession} ${usersWithoutSession === 1 ? "user with devices is" : "users with devices are"} disconnected right now (session ended or never signed in).`}
        </p>
      )}
      <Button type="submit" isPending={action.isPending}>
        Save session duration
      </Button>
    </DataForm>
  );
}
