"use client";

import { useRef } from "react";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/account";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, SelectInput, TextInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { DataForm } from "../ui/data-form";

export function CreateUserForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const action = useServerAction(createUserAction, { onSuccess: () => formRef.current?.reset() });
  const errors = action.fieldErrors;
  return (
    <DataForm
      ref={formRef}
      className="space-y-4"
      onData={(form) => {
        action.run({
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          role: form.get("role") === "admin" ? "admin" : "unprivileged",
        });
      }}
    >
      {action.isSuccess && <Alert tone="success">User added.</Alert>}
      {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
      <Field label="Email" name="email" error={errors.email}>
        <TextInput name="email" type="email" autoComplete="off" error={errors.email} />
      </Field>
      <Field label="Password" name="password" error={errors.password} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}>
        <TextInput name="password" type="password" autoComplete="new-password" error={errors.password} />
      </Field>
      <Field label="Role" name="role" error={errors.role}>
        <SelectInput name="role" defaultValue="unprivileged">
          <option value="unprivileged">User</option>
          <option value="admin">Administrator</option>
        </SelectInput>
      </Field>
      <Button type="submit" className="w-full" isPending={action.isPending}>
        Add user
      </Button>
    </DataForm>
  );
}
