"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { INVALID_MFA_CODE_MESSAGE, MFA_CODE_REQUIRED } from "@/lib/mfa/sign-in-step";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { DataForm } from "../ui/data-form";

type Credentials = { email: string; password: string };

/**
 * Email and password, then, for an account with an authenticator, the 6-digit code. The code step
 * sends the password again with the code (the server checks both every time), so it is kept in
 * this component's memory until the sign-in ends.
 */
export function LoginForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [pendingMfa, setPendingMfa] = useState<Credentials | null>(null);

  async function submit(credentials: Credentials, code?: string) {
    setIsPending(true);
    setError(null);
    setCodeError(null);
    const result = await signIn("credentials", { ...credentials, code: code ?? "", redirect: false });
    if (result?.ok && !result.error) {
      router.replace(callbackPath);
      router.refresh();
      return;
    }
    setIsPending(false);
    if (result?.error === MFA_CODE_REQUIRED) {
      setPendingMfa(credentials);
      return;
    }
    if (code !== undefined && result?.error === INVALID_MFA_CODE_MESSAGE) {
      setCodeError(result.error);
      return;
    }
    setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Incorrect email or password.");
  }

  if (pendingMfa) {
    return (
      <DataForm
        key="code"
        onData={(form) => {
          const code = String(form.get("code") ?? "").trim();
          if (code) void submit(pendingMfa, code);
          else setCodeError("Enter the 6-digit code from your authenticator app.");
        }}
        className="space-y-4"
      >
        {error && <Alert tone="error">{error}</Alert>}
        <p className="text-sm text-muted">
          Two-factor authentication is on for <span className="font-medium text-foreground">{pendingMfa.email}</span>. Enter the code your authenticator app
          shows.
        </p>
        <Field label="Authentication code" name="code" error={codeError ?? undefined}>
          <TextInput
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="123456"
            maxLength={7}
            autoFocus
            error={codeError ?? undefined}
            className="font-mono tracking-widest"
          />
        </Field>
        <Button type="submit" className="w-full" isPending={isPending}>
          Verify
        </Button>
        <button
          type="button"
          className="w-full text-center text-sm text-muted hover:text-foreground hover:underline"
          onClick={() => {
            setPendingMfa(null);
            setError(null);
            setCodeError(null);
          }}
        >
          Use another account
        </button>
      </DataForm>
    );
  }

  return (
    <DataForm key="password" onData={(form) => void submit({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") })} className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" name="email">
        <TextInput name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" name="password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" isPending={isPending}>
        Sign in
      </Button>
    </DataForm>
  );
}
