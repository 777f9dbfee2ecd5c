"use client";

import { useRouter } from "next/navigation";
import { deleteMfaMethodAction } from "@/app/(app)/account/mfa-actions";
import { ConfirmButton } from "../ui/confirm-button";
import { useServerAction } from "../ui/use-server-action";

export function DeleteMfaMethodButton({ method, isLast }: { method: { id: string; name: string }; isLast: boolean }) {
  const router = useRouter();
  const action = useServerAction(deleteMfaMethodAction, { onSuccess: () => router.refresh() });
  return (
    <ConfirmButton
      label="Delete"
      title={`Delete ${method.name}?`}
      confirmLabel="Delete authenticator"
      variant="secondary"
      buttonClassName="shrink-0 px-2.5 py-1 text-xs"
      isPending={action.isPending}
      error={action.error}
      onConfirm={() => action.run({ id: method.id })}
    >
      Codes from this authenticator will no longer sign you in.
      {isLast && " It is your last one: your password alone will sign you in until you add another."}
    </ConfirmButton>
  );
}
