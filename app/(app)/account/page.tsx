import type { Metadata } from "next";
import { ApiTokensTable, CreateApiTokenForm } from "@/components/account/api-tokens";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { ConnectProviders, SsoConnectionsTable } from "@/components/account/sso-connections";
import { ThemeForm } from "@/components/account/theme-form";
import { AddAuthenticatorButton } from "@/components/mfa/add-authenticator-button";
import { MfaMethodList } from "@/components/mfa/mfa-method-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/permissions";
import { getAccountSummary, getSsoConnections } from "@/lib/server/account";
import { listApiTokensFor } from "@/lib/server/api-tokens";
import { getOwnMfaMethods } from "@/lib/server/mfa";
import { requireUser } from "@/lib/server/session";
import { formatDateTime } from "@/lib/format";
import { MfaCardTitle } from "@/components/mfa/mfa-card-title";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ reauthenticate?: string }> }) {
  const user = await requireUser();
  const { reauthenticate } = await searchParams;
  const [summary, sso, mfaMethods, apiTokens] = await Promise.all([getAccountSummary(user), getSsoConnections(user.id), getOwnMfaMethods(user), listApiTokensFor(user, user.id)]);
  return (
    <>
      <PageHeader title="Account" description="Your profile, appearance, password, two-factor authentication and single sign-on connections." />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card title="Profile">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="text-muted">Email</dt>
            <dd className="truncate">{user.email}</dd>
            <dt className="text-muted">Role</dt>
            <dd>{isAdmin(user) ? <Badge tone="accent">Administrator</Badge> : <Badge>User</Badge>}</dd>
            <dt className="text-muted">Last sign-in</dt>
            <dd>{summary.lastSignInAt ? `${formatDateTime(summary.lastSignInAt)} (${summary.lastSignInMethod ?? "unknown"})` : "Never"}</dd>
            <dt className="text-muted">Member since</dt>
            <dd>{formatDateTime(summary.createdAt)}</dd>
          </dl>
        </Card>
        <Card title="Appearance" description="Saved to your account and used on every device you sign in from.">
          <ThemeForm current={user.theme} />
        </Card>
        <Card title="Password" description="Changing it signs you out everywhere else and revokes all your API tokens: scripts using them stop working until you create new ones." className="lg:col-span-2">
          {summary.hasPassword ? (
            <ChangePasswordForm />
          ) : (
            <p className="text-sm text-muted">Your account signs in with single sign-on and has no local password.</p>
          )}
        </Card>
        <Card
          title={<MfaCardTitle isOn={mfaMethods.length > 0} />}
          description="After your password, sign-in asks for a 6-digit code from an authenticator app."
          actions={summary.hasPassword && <AddAuthenticatorButton />}
          className="lg:col-span-2"
        >
          {summary.hasPassword ? (
            <MfaMethodList methods={mfaMethods} canDelete emptyText="Your password alone signs you in. Add an authenticator app to also ask for a code." />
          ) : (
            <p className="text-sm text-muted">Your account signs in with single sign-on: your identity provider handles two-factor authentication.</p>
          )}
        </Card>
        <Card title="SSO providers" description="Identity providers you sign in with. Disconnecting one stops it from reaching this account." className="lg:col-span-2">
          {reauthenticate && (
            <div className="mb-4">
              <Alert tone="warning">Connecting a provider needs your password again: press Connect once more.</Alert>
            </div>
          )}
          <SsoConnectionsTable connections={sso.connections} userId={user.id} isSelf />
          <ConnectProviders providers={sso.connectable} />
        </Card>
        <Card
          title="API tokens"
          description={
            <>
              Scripts and tools use the REST API as you with a token: <code className="font-mono text-xs">Authorization: Bearer wgui_…</code>. See the{" "}
              <a href="/api/v0/openapi.json" className="text-accent hover:underline">
                API reference (OpenAPI)
              </a>
              .
            </>
          }
          className="lg:col-span-2"
        >
          <CreateApiTokenForm />
          <div className="mt-6 border-t border-border pt-4">
            <ApiTokensTable tokens={apiTokens} userId={user.id} isSelf />
          </div>
        </Card>
      </div>
    </>
  );
}
