"use client";

import { useMutation } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/server/guard";

/**
 * Calls a server action through React Query and exposes its outcome for forms: the data on
 * success, or the message and per-field errors the server returned.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: { onSuccess?: (data: T) => void | Promise<void> } = {}) {
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const result = await action(input);
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
