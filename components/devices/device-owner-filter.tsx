"use client";

import { usePathname, useRouter } from "next/navigation";
import { SelectInput } from "../ui/field";

export function DeviceOwnerFilter({ users, selected }: { users: Array<{ id: string; email: string }>; selected: string }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted">Owner</span>
      <SelectInput
        name="owner-filter"
        value={selected}
        className="w-56"
        onChange={(event) => router.push(event.target.value ? `${pathname}?user=${event.target.value}` : pathname)}
      >
        <option value="">All users</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.email}
          </option>
        ))}
      </SelectInput>
    </label>
  );
}
