import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiTokensTable } from "@/components/account/api-tokens";
import { SsoConnectionsTable } from "@/components/account/sso-connections";
import { VpnSessionStatusText } from "@/components/admin/vpn-session-status";
import { DeleteUserButton, EditUserForm } from "@/components/admin/edit-user-form";
import { RuleDialogButton } from "@/components/admin/rules/rule-dialog";
import { RulesTable } from "@/components/admin/rules/rules-table";
import { MfaMethodList } from "@/components/mfa/mfa-method-list";
import { ResetMfaButton } from "@/components/mfa/reset-mfa-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DefinitionRows } from "@/components/ui/definition-rows";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canManageUsers } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { listApiTokensFor } from "@/lib/server/api-tokens";
import { getVpnSessionStatusOf } from "@/lib/server/security-settings";
import { requirePermission } from "@/lib/server/session";
import { getUserRulesFor } from "@/lib/server/rules";
import { getMfaMethodsFor } from "@/lib/server/mfa";
import { getUserPageFor } from "@/lib/server/users";
import { MfaCardTitle } from "@/components/mfa/mfa-card-title";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission(canManageUsers);
  const { id } = await params;
  const page = /^[0-9a-f-]{36}$/i.test(id) ? await getUserPageFor(actor, id) : null;
  if (!page) notFound();
  const { user, connections } = page;
  const rules = await getUserRulesFor(actor, user.id);
  const mfaMethods = await getMfaMethodsFor(actor, user.id);
  const apiTokens = await listApiTokensFor(actor, user.id);
  const isSelf = user.id === actor.id;
  const session = await getVpnSessionStatusOf(actor, user.id);
  return (
    <>
      <PageHeader
        title={user.email}
        description={
          <Link href="/admin/users" className="text-accent hover:underline">
            ← All users
          </Link>
        }
        actions={!isSelf && <DeleteUserButton user={user} deviceCount={user.devices.length} />}
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card title="Profile">
          <DefinitionRows
            rows={[
              ["Name", user.name ?? "—"],
              ["Status", user.isDisabled ? <Badge tone="danger" key="s">Disabled</Badge> : <Badge tone="success" key="s">Active</Badge>],
              ["Last sign-in", user.lastSignInAt ? `${formatDateTime(user.lastSignInAt)} (${user.lastSignInMethod ?? "unknown"})` : "Never"],
              ["VPN session", session ? <VpnSessionStatusText key="v" status={session} /> : "—"],
              ["Created", formatDateTime(user.createdAt)],
            ]}
          />
        </Card>
        <Card title="Edit" description="A new role, a new password or disabling signs the user out everywhere; a new password also revokes their API tokens.">
          <EditUserForm user={user} isSelf={isSelf} />
        </Card>
        <Card
          title={`Devices (${user.devices.length})`}
          actions={
            <Link href={`/admin/devices?user=${user.id}`} className="text-sm font-medium text-accent hover:underline">
              New device for this user →
            </Link>
          }
        >
          {user.devices.length ? (
            <ul className="-mx-5 -my-4 divide-y divide-border text-sm">
              {user.devices.map((device) => (
                <li key={device.id} className="flex items-center justify-between gap-3 px-5 py-3">
                  <Link href={`/devices/${device.id}`} className="font-medium hover:text-accent hover:underline">
                    {device.name}
                  </Link>
                  <span className="text-muted">
                    {device.ipv4 ?? "—"} · {device.latestHandshakeAt ? `handshake ${formatDateTime(device.latestHandshakeAt)}` : "no handshake yet"}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title="No devices">This user has no WireGuard devices yet.</EmptyState>
          )}
        </Card>
        <Card
          title={<MfaCardTitle isOn={mfaMethods.length > 0} />}
          description="After the password, sign-in asks this user for a code from one of these apps."
          actions={mfaMethods.length > 0 && <ResetMfaButton user={user} methodCount={mfaMethods.length} />}
        >
          <MfaMethodList
            methods={mfaMethods}
            canDelete={false}
            emptyText={user.hasPassword ? "This user signs in with their password alone." : "This user signs in with single sign-on: their identity provider handles MFA."}
          />
        </Card>
        <Card title="SSO providers" description="Identities this user signs in with.">
          <SsoConnectionsTable connections={connections} userId={user.id} isSelf={isSelf} />
        </Card>
        <Card
          title={`Egress rules (${rules.length})`}
          description="This user's rules and the rules for every user, in the order they are checked."
          className="lg:col-span-2"
          actions={
            <span className="flex items-center gap-3">
              <Link href="/admin/rules" className="text-sm font-medium text-accent hover:underline">
                All rules →
              </Link>
              <RuleDialogButton users={[]} fixedUserId={user.id} label="Add rule for this user" variant="secondary" />
            </span>
          }
        >
          <RulesTable rules={rules} emptyText="No rule applies to this user: every destination is reachable." />
        </Card>
        <Card title="API tokens" description="Tokens this user calls the REST API with. Revoking one stops it at once." className="lg:col-span-2">
          <ApiTokensTable tokens={apiTokens} userId={user.id} isSelf={isSelf} />
        </Card>
      </div>
    </>
  );
}
