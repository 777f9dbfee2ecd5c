"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { confirmMfaEnrolmentAction, startMfaEnrolmentAction } from "@/app/(app)/account/mfa-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyField } from "../ui/copy-field";
import { DataForm } from "../ui/data-form";
import { Dialog } from "../ui/dialog";
import { Field, TextInput } from "../ui/field";
import { QrCode } from "../ui/qr-code";
import { Skeleton } from "../ui/skeleton";
import { useServerAction } from "../ui/use-server-action";

function EnrolmentSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Preparing the QR code">
      <Skeleton className="h-4 w-3/4" />
      <div className="flex flex-col gap-4 sm:flex-row">
        <Skeleton className="mx-auto size-56 shrink-0 rounded-lg" />
        <div className="flex-1 space-y-2">
          <Skeleton className="h-3 w-20" />
          <Skeleton className="h-8 w-full" />
        </div>
      </div>
      <Skeleton className="h-9 w-full" />
      <Skeleton className="h-9 w-full" />
    </div>
  );
}

/**
 * "Add authenticator": the server makes a secret and shows it as a QR code and as text; the method is
 * saved only when the code typed back matches it.
 */
export function AddAuthenticatorButton() {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const start = useServerAction(startMfaEnrolmentAction);
  const confirm = useServerAction(confirmMfaEnrolmentAction, {
    onSuccess: () => {
      setIsOpen(false);
      router.refresh();
    },
  });
  const enrolment = start.data?.ok ? start.data.data : null;
  const errors = confirm.fieldErrors;
  return (
    <>
      <Button
        type="button"
        onClick={() => {
          confirm.reset();
          start.reset();
          start.run({});
          setIsOpen(true);
        }}
      >
        Add authenticator
      </Button>
      <Dialog isOpen={isOpen} onClose={() => setIsOpen(false)} title="Add an authenticator">
        {start.error ? (
          <Alert tone="error">{start.error}</Alert>
        ) : !enrolment ? (
          <EnrolmentSkeleton />
        ) : (
          <div className="space-y-4">
            <p className="text-sm text-muted">
              Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…) or type the secret key into it,
              then enter the 6-digit code it shows.
            </p>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
              <QrCode svg={enrolment.qrSvg} label="QR code for your authenticator app" />
              <div className="min-w-0 flex-1 space-y-2">
                <CopyField label="Secret key" value={enrolment.secret} displayValue={enrolment.secret.replace(/(.{4})(?=.)/g, "$1 ")} />
                <p className="text-xs text-muted">Time-based (TOTP), 6 digits, a new code every 30 seconds.</p>
              </div>
            </div>
            <DataForm
              key={enrolment.token}
              className="space-y-4 border-t border-border pt-4"
              onData={(form) =>
                confirm.run({ token: enrolment.token, name: String(form.get("mfa-name") ?? ""), code: String(form.get("mfa-code") ?? "") })
              }
            >
              {confirm.error && !Object.keys(errors).length && <Alert tone="error">{confirm.error}</Alert>}
              <Field label="Name" name="mfa-name" error={errors.name} hint="To tell your authenticators apart, e.g. “Phone”.">
                <TextInput name="mfa-name" defaultValue="Authenticator app" maxLength={60} autoComplete="off" error={errors.name} />
              </Field>
              <Field label="Code" name="mfa-code" error={errors.code}>
                <TextInput name="mfa-code" inputMode="numeric" autoComplete="one-time-code" placeholder="123456" maxLength={7} error={errors.code} className="font-mono tracking-widest" />
              </Field>
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={() => setIsOpen(false)}>
                  Cancel
                </Button>
                <Button type="submit" isPending={confirm.isPending}>
                  Verify and save
                </Button>
              </div>
            </DataForm>
          </div>
        )}
      </Dialog>
    </>
  );
}
