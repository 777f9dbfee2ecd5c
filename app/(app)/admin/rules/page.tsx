import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { PageHeader } from "@/components/ui/page-header";
import { canViewAdminPages } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Rules" };

export default async function AdminRulesPage() {
  await requirePermission(canViewAdminPages);
  return (
    <>
      <PageHeader title="Egress rules" />
      <NotYetAvailable title="Not available yet">Allow and deny rules for VPN traffic, enforced with nftables, arrive in a later release.</NotYetAvailable>
    </>
  );
}
