import type { Metadata } from "next";
import { SsoCompletion } from "@/components/auth/sso-completion";
import { AuthCard } from "@/components/auth/auth-card";
import { safeCallbackPath } from "@/lib/auth/callback-path";

export const metadata: Metadata = { title: "Signing in" };

export default async function SsoCompletionPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <AuthCard title="Signing in" description="Finishing single sign-on.">
      <SsoCompletion callbackPath={safeCallbackPath(callbackUrl)} />
    </AuthCard>
  );
}
