/**
 * The client address as the nearest proxy saw it: the last X-Forwarded-For entry. `next start` fills
 * the header from the socket only when absent, so without a reverse proxy a client can choose it;
 * the per-account sign-in limit does not depend on it.
 */
export function clientIpFrom(forwardedFor: string | null | undefined): string | null {
  const last = forwardedFor?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return last ? last.replace(/^::ffff:/i, "") : null;
}
