"use client";

import { resetMfaAction } from "@/app/(app)/admin/users/mfa-actions";
import { ConfirmActionButton } from "../ui/confirm-action-button";

/** An admin's way out for a user who lost their authenticator. */
export function ResetMfaButton({ user, methodCount }: { user: { id: string; email: string }; methodCount: number }) {
  return (
    <ConfirmActionButton action={resetMfaAction} input={{ userId: user.id }} label="Reset MFA" title="Reset two-factor authentication?" confirmLabel="Reset MFA">
      This removes {methodCount === 1 ? "the authenticator" : `all ${methodCount} authenticators`} of {user.email}. They sign in with their password
      alone until they add a new one.
    </ConfirmActionButton>
  );
}
