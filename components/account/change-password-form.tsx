"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { changePassword } from "@/app/(app)/account/actions";
import { MFA_CODE_REQUIRED } from "@/lib/mfa/sign-in-step";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/account";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { DataForm } from "../ui/data-form";

export function ChangePasswordForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const newPassword = useRef("");
  const action = useServerAction(changePassword, {
    // The change ended every session, this one too: sign in again with the new password (and, with
    // two-factor authentication on, a code: the sign-in page asks for it).
    onSuccess: async ({ email }) => {
      const result = await signIn("credentials", { email, password: newPassword.current, redirect: false });
      if (result?.error === MFA_CODE_REQUIRED) router.replace("/login?callbackUrl=%2Faccount");
      formRef.current?.reset();
    },
  });
  const errors = action.fieldErrors;
  return (
    <DataForm
      ref={formRef}
      className="grid max-w-xl gap-4"
      onData={(form) => {
        newPassword.current = String(form.get("newPassword") ?? "");
        action.run({
          currentPassword: String(form.get("currentPassword") ?? ""),
          newPassword: newPassword.current,
          confirmPassword: String(form.get("confirmPassword") ?? ""),
        });
      }}
    >
      {action.data?.ok && (
        <Alert tone="success">
          Password changed. Your other sessions were signed out
          {action.data.data.revokedTokens ? ` and ${action.data.data.revokedTokens} API token${action.data.data.revokedTokens === 1 ? " was" : "s were"} revoked` : ""}.
        </Alert>
      )}
      {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
      <Field label="Current password" name="currentPassword" error={errors.currentPassword}>
        <TextInput name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      </Field>
      <Field label="New password" name="newPassword" error={errors.newPassword} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}>
        <TextInput name="newPassword" type="password" autoComplete="new-password" error={errors.newPassword} />
      </Field>
      <Field label="Confirm new password" name="confirmPassword" error={errors.confirmPassword}>
        <TextInput name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      </Field>
      <div>
        <Button type="submit" isPending={action.isPending}>
          Change password
        </Button>
      </div>
    </DataForm>
  );
}
