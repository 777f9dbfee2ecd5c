"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/server/guard";
import { ConfirmButton } from "./confirm-button";
import { useServerAction } from "./use-server-action";

/**
 * A small table-row button that asks first, then runs a server action with `input` and refreshes
 * the page: revoke, disconnect, delete, reset. The dialog shows the server's refusal, if any.
 */
export function ConfirmActionButton<I, T>({
  action,
  input,
  label,
  title,
  confirmLabel,
  children,
}: {
  action: (input: I) => Promise<ActionResult<T>>;
  input: I;
  label: string;
  title: string;
  confirmLabel: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const server = useServerAction(action, { onSuccess: () => router.refresh() });
  return (
    <ConfirmButton
      label={label}
      title={title}
      confirmLabel={confirmLabel}
      variant="secondary"
      buttonClassName="shrink-0 px-2.5 py-1 text-xs"
      isPending={server.isPending}
      error={server.error}
      onConfirm={() => server.run(input)}
    >
      {children}
    </ConfirmButton>
  );
}
