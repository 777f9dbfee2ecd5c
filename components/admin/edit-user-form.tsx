"use client";

import { useRouter } from "next/navigation";
import { deleteUserAction, updateUserAction } from "@/app/(app)/admin/users/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/account";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Checkbox } from "../ui/checkbox";
import { ConfirmButton } from "../ui/confirm-button";
import { Field, SelectInput, TextInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { DataForm } from "../ui/data-form";

export interface EditableUser {
  id: string;
  email: string;
  role: "admin" | "unprivileged";
  isDisabled: boolean;
  hasPassword: boolean;
}

export function EditUserForm({ user, isSelf }: { user: EditableUser; isSelf: boolean }) {
  const router = useRouter();
  const action = useServerAction(updateUserAction, { onSuccess: () => router.refresh() });
  const errors = action.fieldErrors;
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        action.run({
          id: user.id,
          email: String(form.get("email") ?? ""),
          role: form.get("role") === "admin" ? "admin" : "unprivileged",
          password: String(form.get("password") ?? ""),
          isDisabled: form.get("isDisabled") === "on",
        });
      }}
    >
      {action.isSuccess && <Alert tone="success">User saved.</Alert>}
      {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
      <Field label="Email" name="email" error={errors.email}>
        <TextInput name="email" type="email" defaultValue={user.email} error={errors.email} autoComplete="off" />
      </Field>
      <Field label="Role" name="role" error={errors.role} hint={isSelf ? "You cannot remove your own administrator role." : undefined}>
        <SelectInput name="role" defaultValue={user.role} error={errors.role}>
          <option value="unprivileged">User</option>
          <option value="admin">Administrator</option>
        </SelectInput>
      </Field>
      <Field
        label={user.hasPassword ? "New password" : "Password"}
        name="password"
        error={errors.password}
        hint={`Leave empty to keep ${user.hasPassword ? "the current one" : "the account without one (single sign-on only)"}. At least ${PASSWORD_MIN_LENGTH} characters. A new password signs the user out everywhere and revokes all their API tokens.`}
      >
        <TextInput name="password" type="password" autoComplete="new-password" error={errors.password} />
      </Field>
      <Checkbox name="isDisabled" label="Disabled" hint="Signs the user out everywhere and takes their devices off WireGuard until enabled again." defaultChecked={user.isDisabled} error={errors.isDisabled} />
      <Button type="submit" isPending={action.isPending}>
        Save user
      </Button>
    </DataForm>
  );
}

export function DeleteUserButton({ user, deviceCount }: { user: EditableUser; deviceCount: number }) {
  const router = useRouter();
  const action = useServerAction(deleteUserAction, { onSuccess: () => router.replace("/admin/users") });
  return (
    <ConfirmButton label="Delete user" title={`Delete ${user.email}?`} confirmLabel="Delete user" isPending={action.isPending} error={action.error} onConfirm={() => action.run({ id: user.id })}>
      Their {deviceCount} device{deviceCount === 1 ? "" : "s"} {deviceCount === 1 ? "is" : "are"} removed from WireGuard at once, with their single sign-on
      connections. This cannot be undone.
    </ConfirmButton>
  );
}
