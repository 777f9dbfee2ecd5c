"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../ui/alert";

/** Redeems the SAML ACS's one-time ticket (an HttpOnly cookie) for a next-auth session. */
export function SsoCompletion({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void signIn("sso-ticket", { redirect: false }).then((result) => {
      if (result?.ok && !result.error) {
        router.replace(callbackPath);
        router.refresh();
      } else {
        setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Single sign-on could not be completed. Sign in again.");
      }
    });
  }, [callbackPath, router]);
  if (!error) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted" role="status">
        <span className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden /> Signing you in…
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <Alert tone="error">{error}</Alert>
      <Link href="/login" className="text-sm font-medium text-accent hover:underline">
        Back to sign-in
      </Link>
    </div>
  );
}
