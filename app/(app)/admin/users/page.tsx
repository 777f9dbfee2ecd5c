import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageUsers } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";
import { listUsersFor } from "@/lib/server/users";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  const actor = await requirePermission(canManageUsers);
  const users = await listUsersFor(actor);
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to this WireGUI." />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <Card title={`${users.length} user${users.length === 1 ? "" : "s"}`}>
          <UsersTable users={users} />
        </Card>
        <Card title="Add a user" description="They sign in with this email and password.">
          <CreateUserForm />
        </Card>
      </div>
    </>
  );
}
