import type { ReactNode } from "react";
import { ReauthenticationProvider } from "@/components/auth/reauthentication";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/server/session";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user}>
      <ReauthenticationProvider>{children}</ReauthenticationProvider>
    </AppShell>
  );
}
