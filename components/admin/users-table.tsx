import Link from "next/link";
import { isAdmin } from "@/lib/auth/permissions";
import { formatDate, formatDateTime } from "@/lib/format";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";

export interface UserRow {
  id: string;
  email: string;
  role: "admin" | "unprivileged";
  isDisabled: boolean;
  lastSignInAt: Date | null;
  lastSignInMethod: string | null;
  createdAt: Date;
  deviceCount: number;
}

export function UsersTable({ users, query }: { users: UserRow[]; query: string }) {
  if (users.length === 0) {
    return query ? <EmptyState title="No matching users">No email or name contains &quot;{query}&quot;.</EmptyState> : <EmptyState title="No users yet">Add the first one with the form.</EmptyState>;
  }
  return (
    <div className="-mx-5 -my-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
          <tr>
            <th className="px-5 py-2.5 font-medium">Email</th>
            <th className="px-3 py-2.5 font-medium">Role</th>
            <th className="px-3 py-2.5 font-medium">Status</th>
            <th className="px-3 py-2.5 font-medium">Devices</th>
            <th className="px-3 py-2.5 font-medium">Last sign-in</th>
            <th className="px-5 py-2.5 font-medium">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {users.map((user) => (
            <tr key={user.id}>
              <td className="whitespace-nowrap px-5 py-3">
                <Link href={`/admin/users/${user.id}`} className="font-medium hover:text-accent hover:underline">
                  {user.email}
                </Link>
              </td>
              <td className="px-3 py-3">{isAdmin(user) ? <Badge tone="accent">Admin</Badge> : <Badge>User</Badge>}</td>
              <td className="px-3 py-3">{user.isDisabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}</td>
              <td className="px-3 py-3 tabular-nums">{user.deviceCount}</td>
              <td className="whitespace-nowrap px-3 py-3 text-muted">
                {user.lastSignInAt ? `${formatDateTime(user.lastSignInAt)} · ${user.lastSignInMethod ?? ""}` : "Never"}
              </td>
              <td className="whitespace-nowrap px-5 py-3 text-muted">{formatDate(user.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
