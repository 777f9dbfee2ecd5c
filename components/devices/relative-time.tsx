import { formatAge } from "./format";

/** "12 s ago": computed on the server and again on hydration, so a second's difference is expected. */
export function RelativeTime({ date, never = "Never" }: { date: Date | string | null; never?: string }) {
  if (!date) return <>{never}</>;
  return (
    <time dateTime={new Date(date).toISOString()} suppressHydrationWarning>
      {formatAge(date)}
    </time>
  );
}
