"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "../ui/button";

/** A VPN session only restarts with a real sign-in: sign out, then come back to `returnTo`. */
export function SignInAgainButton({ returnTo }: { returnTo: string }) {
  const [isPending, setIsPending] = useState(false);
  return (
    <Button
      variant="secondary"
      isPending={isPending}
      onClick={() => {
        setIsPending(true);
        void signOut({ callbackUrl: `/login?callbackUrl=${encodeURIComponent(returnTo)}` });
      }}
    >
      Sign in again
    </Button>
  );
}
