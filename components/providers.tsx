"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { z } from "zod";

// Zod compiles object schemas with `new Function` when it may; the Content Security Policy forbids
// eval in the browser, and even zod's probe for it is reported as a violation. Set before any parse.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so it survives re-renders but not page reloads.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true } } }));
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
