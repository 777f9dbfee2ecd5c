"use client";

import { useRouter } from "next/navigation";
import { resetMfaAction } from "@/app/(app)/admin/users/mfa-actions";
import { ConfirmButton } from "../ui/confirm-button";
import { useServerAction } from "../ui/use-server-action";

/** An admin's way out for a user who lost their authenticator. */
export function ResetMfaButton({ user, methodCount }: { user: { id: string; email: string }; methodCount: number }) {
  const router = useRouter();
  const action = useServerAction(resetMfaAction, { onSuccess: () => router.refresh() });
  return (
    <ConfirmButton
      label="Reset MFA"
      title="Reset two-factor authentication?"
      confirmLabel="Reset MFA"
      variant="secondary"
      buttonClassName="px-2.5 py-1 text-xs"
      isPending={action.isPending}
      error={action.error}
      onConfirm={() => action.run({ userId: user.id })}
    >
      This removes {methodCount === 1 ? "the authenticator" : `all ${methodCount} authenticators`} of {user.email}. They sign in with their password
      alone until they add a new one.
    </ConfirmButton>
  );
}
