import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { AdminDevicesList } from "@/components/devices/admin-devices-list";
import { CreateDeviceButton } from "@/components/devices/create-device-button";
import { adminDevicesQuery } from "@/components/devices/device-queries";
import { TrafficPanel } from "@/components/devices/traffic-panel";
import { PageHeader } from "@/components/ui/page-header";
import { canManageAllDevices } from "@/lib/auth/permissions";
import { parseDeviceListParamsLeniently } from "@/lib/devices/list-params";
import { getDeviceFormContext } from "@/lib/server/device-page";
import { listDevicesForAdmin } from "@/lib/server/devices";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Devices" };

/** One page of devices in the HTML (rows and their hydration data), as `?page=&sort=&dir=&q=&user=` says. */
export default async function AdminDevicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission(canManageAllDevices);
  const params = parseDeviceListParamsLeniently(await searchParams);
  const queryClient = new QueryClient();
  const [page, form] = await Promise.all([
    queryClient.fetchQuery({ ...adminDevicesQuery(params), queryFn: () => listDevicesForAdmin(actor, params) }),
    getDeviceFormContext(actor, actor.id),
  ]);
  return (
    <>
      <PageHeader
        title="Devices"
        description="Every user's WireGuard peers."
        // The form's owner: the filtered user (from their user page), else yourself.
        actions={form.isConfigured && <CreateDeviceButton defaults={form.defaults} canConfigure defaultOwnerEmail={page.owner?.email ?? actor.email} />}
      />
      <div className="mb-6">
        <TrafficPanel endpoint="/api/v1/traffic" title="Overview" description="Peers online now and the traffic of every device together." />
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AdminDevicesList />
      </HydrationBoundary>
    </>
  );
}
