import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SsoConnectionsTable } from "@/components/account/sso-connections";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DefinitionRows } from "@/components/ui/definition-rows";
import { PageHeader } from "@/components/ui/page-header";
import { canManageUsers, isAdmin } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/server/session";
import { getUserPageFor } from "@/lib/server/users";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission(canManageUsers);
  const { id } = await params;
  const page = /^[0-9a-f-]{36}$/i.test(id) ? await getUserPageFor(actor, id) : null;
  if (!page) notFound();
  const { user, connections } = page;
  return (
    <>
      <PageHeader
        title={user.email}
        description={
          <Link href="/admin/users" className="text-accent hover:underline">
            ← All users
          </Link>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[20rem_1fr]">
        <Card title="Profile">
          <DefinitionRows
            rows={[
              ["Name", user.name ?? "—"],
              ["Role", isAdmin(user) ? <Badge tone="accent" key="r">Admin</Badge> : <Badge key="r">User</Badge>],
              ["Status", user.isDisabled ? <Badge tone="danger" key="s">Disabled</Badge> : <Badge tone="success" key="s">Active</Badge>],
              ["Devices", user._count.devices],
              ["Last sign-in", user.lastSignInAt ? `${formatDateTime(user.lastSignInAt)} (${user.lastSignInMethod ?? "unknown"})` : "Never"],
              ["Created", formatDateTime(user.createdAt)],
            ]}
          />
        </Card>
        <Card title="SSO providers" description="Identities this user signs in with.">
          <SsoConnectionsTable connections={connections} userId={user.id} isSelf={user.id === actor.id} />
        </Card>
      </div>
    </>
  );
}
