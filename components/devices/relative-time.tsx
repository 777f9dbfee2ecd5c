"use client";

import { formatAge } from "./format";
import { useNow } from "./use-now";

/** "12 s ago", kept current; the server's and the browser's clocks differ by a second, hence the suppression. */
export function RelativeTime({ date, never = "Never" }: { date: Date | string | null; never?: string }) {
  const now = useNow();
  if (!date) return <>{never}</>;
  return (
    <time dateTime={new Date(date).toISOString()} suppressHydrationWarning>
      {formatAge(date, now)}
    </time>
  );
}
