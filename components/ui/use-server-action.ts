"use client";

import { useMutation } from "@tanstack/react-query";
import { REAUTHENTICATION_REQUIRED } from "@/lib/server/errors";
import type { ActionResult } from "@/lib/server/guard";
import { useReauthentication } from "../auth/reauthentication";

/**
 * Calls a server action through React Query and exposes its outcome for forms: the data on
 * success, or the message and per-field errors the server returned. A sensitive action refused
 * for want of a recent password opens the "confirm it is you" dialog and, once confirmed, runs again.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: { onSuccess?: (data: T) => void | Promise<void> } = {}) {
  const requestReauthentication = useReauthentication();
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      let result = await action(input);
      if (!result.ok && result.code === REAUTHENTICATION_REQUIRED && requestReauthentication && (await requestReauthentication())) result = await action(input);
      if (result.ok) await options.onSuccess?.(result.data);
      return result;
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data : null;
  return {
    run: mutation.mutate,
    isPending: mutation.isPending,
    isSuccess: mutation.data?.ok === true,
    data: mutation.data,
    error: failure?.error ?? (mutation.error ? "The server could not be reached. Try again." : null),
    fieldErrors: failure?.fieldErrors ?? {},
    reset: mutation.reset,
  };
}
