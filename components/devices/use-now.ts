"use client";

import { useEffect, useState } from "react";

/**
 * The current time, ticking every intervalMs: handshake ages and status dots move on even when
 * the refreshed data is identical (an idle peer's row stops changing).
 */
export function useNow(intervalMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
