import type { ReactNode } from "react";
import { canViewAdminPages } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";

// Checked here, outside the pages' loading boundary, so a refusal is answered with a real 403
// before any streaming starts. Each page checks again: layouts are not re-run on client navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePermission(canViewAdminPages);
  return children;
}
