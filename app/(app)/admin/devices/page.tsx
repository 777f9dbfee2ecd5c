import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { PageHeader } from "@/components/ui/page-header";
import { canViewAdminPages } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Devices" };

export default async function AdminDevicesPage() {
  await requirePermission(canViewAdminPages);
  return (
    <>
      <PageHeader title="All devices" />
      <NotYetAvailable title="Not available yet">Managing every user&apos;s devices, with filters and live status, arrives with device management.</NotYetAvailable>
    </>
  );
}
