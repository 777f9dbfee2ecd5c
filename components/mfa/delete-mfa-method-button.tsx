"use client";

import { deleteMfaMethodAction } from "@/app/(app)/account/mfa-actions";
import { ConfirmActionButton } from "../ui/confirm-action-button";

export function DeleteMfaMethodButton({ method, isLast }: { method: { id: string; name: string }; isLast: boolean }) {
  return (
    <ConfirmActionButton action={deleteMfaMethodAction} input={{ id: method.id }} label="Delete" title={`Delete ${method.name}?`} confirmLabel="Delete authenticator">
      Codes from this authenticator will no longer sign you in.
      {isLast && " It is your last one: your password alone will sign you in until you add another."}
    </ConfirmActionButton>
  );
}
