"use client";

import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { getReauthenticationOptionsAction, reauthenticateAction } from "@/app/(app)/reauthentication-actions";
import type { ActionResult } from "@/lib/server/guard";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DataForm } from "../ui/data-form";
import { Dialog } from "../ui/dialog";
import { Field, TextInput } from "../ui/field";
import { Skeleton } from "../ui/skeleton";
import { SsoButtons } from "./sso-buttons";

type Options = Extract<Awaited<ReturnType<typeof getReauthenticationOptionsAction>>, { ok: true }>["data"];

/** Opens the "confirm it is you" dialog; resolves true once the server accepted the password (and code). */
type RequestReauthentication = () => Promise<boolean>;

const ReauthenticationContext = createContext<RequestReauthentication | null>(null);

/** For useServerAction: null outside the signed-in pages. */
export function useReauthentication(): RequestReauthentication | null {
  return useContext(ReauthenticationContext);
}

/**
 * One dialog for the signed-in pages. A server action refused with "reauthentication_required"
 * (useServerAction) opens it; after the password is accepted the action runs again.
 */
export function ReauthenticationProvider({ children }: { children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const [options, setOptions] = useState<ActionResult<Options> | null>(null);
  const resolver = useRef<((confirmed: boolean) => void) | null>(null);

  const request = useCallback<RequestReauthentication>(() => {
    resolver.current?.(false);
    setOptions(null);
    setIsOpen(true);
    void getReauthenticationOptionsAction({}).then(setOptions, () => setOptions({ ok: false, error: "The server could not be reached. Try again.", status: 0 }));
    return new Promise<boolean>((resolve) => {
      resolver.current = resolve;
    });
  }, []);

  const finish = (confirmed: boolean) => {
    setIsOpen(false);
    resolver.current?.(confirmed);
    resolver.current = null;
  };

  return (
    <ReauthenticationContext.Provider value={request}>
      {children}
      <Dialog isOpen={isOpen} onClose={() => finish(false)} title="Confirm it is you">
        {!options ? (
          <div className="space-y-3" aria-busy="true">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-9 w-full" />
          </div>
        ) : !options.ok ? (
          <Alert tone="error">{options.error}</Alert>
        ) : options.data.method === "identity_provider" ? (
          <ProviderStep providers={options.data.providers} />
        ) : (
          <PasswordStep needsCode={options.data.method === "password_and_code"} onConfirmed={() => finish(true)} onCancel={() => finish(false)} />
        )}
      </Dialog>
    </ReauthenticationContext.Provider>
  );
}

function PasswordStep({ needsCode, onConfirmed, onCancel }: { needsCode: boolean; onConfirmed: () => void; onCancel: () => void }) {
  const [result, setResult] = useState<Awaited<ReturnType<typeof reauthenticateAction>> | null>(null);
  const [isPending, setIsPending] = useState(false);
  const failure = result && !result.ok ? result : null;
  const errors = failure?.fieldErrors ?? {};
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        setIsPending(true);
        reauthenticateAction({ password: String(form.get("reauth-password") ?? ""), code: String(form.get("reauth-code") ?? "") })
          .then((answer) => {
            setResult(answer);
            if (answer.ok) onConfirmed();
          })
          .catch(() => setResult({ ok: false, error: "The server could not be reached. Try again.", status: 0 }))
          .finally(() => setIsPending(false));
      }}
    >
      <p className="text-sm text-muted">
        This change needs your password{needsCode ? " and a code from your authenticator app" : ""} again. It is remembered for 5 minutes in this browser.
      </p>
      {failure && !Object.keys(errors).length && <Alert tone="error">{failure.error}</Alert>}
      <Field label="Your password" name="reauth-password" error={errors.password}>
        <TextInput name="reauth-password" type="password" autoComplete="current-password" autoFocus error={errors.password} />
      </Field>
      {needsCode && (
        <Field label="Authentication code" name="reauth-code" error={errors.code}>
          <TextInput name="reauth-code" inputMode="numeric" autoComplete="one-time-code" placeholder="123456" maxLength={7} error={errors.code} className="font-mono tracking-widest" />
        </Field>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isPending={isPending}>
          Confirm
        </Button>
      </div>
    </DataForm>
  );
}

/** Accounts without a password prove themselves with a fresh sign-in at their identity provider. */
function ProviderStep({ providers }: { providers: Options["providers"] }) {
  const callbackPath = typeof window === "undefined" ? "/account" : window.location.pathname;
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Your account signs in with single sign-on. Sign in again with your identity provider: you come back here and can make the change for the next 5 minutes.
      </p>
      {providers.length ? (
        <SsoButtons providers={providers} callbackPath={callbackPath} />
      ) : (
        <Alert tone="warning">None of your identity providers is available right now. Ask an administrator.</Alert>
      )}
    </div>
  );
}
