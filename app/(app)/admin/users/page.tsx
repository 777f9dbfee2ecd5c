import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { canManageUsers } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";
import { searchUsersFor } from "@/lib/server/users";
import { userSearchSchema } from "@/lib/validation/account";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission(canManageUsers);
  const { q, page } = userSearchSchema.parse(await searchParams);
  const result = await searchUsersFor(actor, { query: q, page });
  const href = (target: number) => `/admin/users?${new URLSearchParams({ ...(q && { q }), page: String(target) })}`;
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to this WireGUI. Open a user to edit, disable or delete them." />
      {/* The table gets the full width (seven columns); the form sits beside it only on very wide screens. */}
      <div className="grid grid-cols-1 items-start gap-6 2xl:grid-cols-[1fr_22rem]">
        <Card
          title={q ? `${result.total} matching user${result.total === 1 ? "" : "s"}` : `${result.total} user${result.total === 1 ? "" : "s"}`}
          actions={
            <form role="search" method="get" action="/admin/users" className="flex gap-2">
              <TextInput name="q" type="search" defaultValue={q} placeholder="Search email or name" aria-label="Search users" className="w-56" />
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </form>
          }
        >
          <UsersTable users={result.rows} query={q} />
          <Pager page={page} pageSize={result.pageSize} total={result.total} href={href} />
        </Card>
        <Card title="Add a user" description="They sign in with this email and password." className="max-w-xl">
          <CreateUserForm />
        </Card>
      </div>
    </>
  );
}
