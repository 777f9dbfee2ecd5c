"use client";

import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/server/guard";
import { useServerAction } from "../../ui/use-server-action";

/**
 * The add/edit plumbing both provider forms share: one action or the other, closing and refreshing
 * on success, and field errors whether the server nested them under `provider` (edit) or not.
 */
export function useProviderForm<I>(
  actions: { create: (input: I) => Promise<ActionResult<unknown>>; update: (input: { id: string; provider: I }) => Promise<ActionResult<unknown>> },
  providerId: string | undefined,
  onDone: () => void,
) {
  const router = useRouter();
  const options = {
    onSuccess: () => {
      onDone();
      router.refresh();
    },
  };
  const create = useServerAction(actions.create, options);
  const update = useServerAction(actions.update, options);
  const action = providerId ? update : create;
  return {
    isPending: action.isPending,
    /** The general message, when no field explains the failure. */
    error: Object.keys(action.fieldErrors).length ? null : action.error,
    fieldError: (name: string): string | undefined => action.fieldErrors[name] ?? action.fieldErrors[`provider.${name}`],
    submit: (input: I) => (providerId ? update.run({ id: providerId, provider: input }) : create.run(input)),
  };
}
