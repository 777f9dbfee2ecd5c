import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { isLocalAuthEnabled } from "@/lib/db/configuration";
import { listEnabledProviders } from "@/lib/db/sso";
import { getDb } from "@/lib/server/db";
import { getCurrentUser } from "@/lib/server/session";
import { signInErrorMessage } from "@/lib/sso/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  const db = getDb();
  const [providers, localAuth] = await Promise.all([listEnabledProviders(db), isLocalAuthEnabled(db)]);
  const message = signInErrorMessage(typeof error === "string" ? error : undefined);
  return (
    <AuthCard title="Sign in" description="Use your WireGUI account to manage your VPN devices.">
      <div className="space-y-5">
        {message && <Alert tone="error">{message}</Alert>}
        {localAuth && <LoginForm callbackPath={target} />}
        {localAuth && providers.length > 0 && (
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-muted" aria-hidden>
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
        )}
        {providers.length > 0 && <SsoButtons providers={providers} callbackPath={target} />}
        {!localAuth && providers.length === 0 && <Alert tone="warning">No sign-in method is enabled. An administrator can run `wiregui reset-admin-password` on the server.</Alert>}
      </div>
    </AuthCard>
  );
}
