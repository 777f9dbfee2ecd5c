import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { CreateDeviceButton } from "@/components/devices/create-device-button";
import { myDevicesQuery } from "@/components/devices/device-queries";
import { LiveDevicesTable } from "@/components/devices/live-devices-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { VpnSessionNotice } from "@/components/devices/vpn-session-notice";
import { getDeviceFormContext } from "@/lib/server/device-page";
import { listMyDevices } from "@/lib/server/devices";
import { getVpnSessionStatusOf } from "@/lib/server/security-settings";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "My devices" };

export default async function MyDevicesPage() {
  const user = await requireUser();
  const queryClient = new QueryClient();
  const [, form, session] = await Promise.all([
    queryClient.fetchQuery({ ...myDevicesQuery(), queryFn: async () => ({ devices: await listMyDevices(user) }) }),
    getDeviceFormContext(user, user.id),
    getVpnSessionStatusOf(user, user.id),
  ]);
  return (
    <>
      <PageHeader
        title="My devices"
        description="The WireGuard peers you connect with."
        actions={form.canManage && form.isConfigured && <CreateDeviceButton defaults={form.defaults} canConfigure={form.canConfigure} />}
      />
      {session && session.kind !== "unlimited" && (
        <div className="mb-4">
          <VpnSessionNotice status={session} isOwn returnTo="/devices" />
        </div>
      )}
      {!form.canManage && (
        <div className="mb-4">
          <Alert tone="info">Your administrator manages devices for you. Ask them to add one.</Alert>
        </div>
      )}
      <Card>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <LiveDevicesTable emptyText="Add a device to get its configuration file and QR code." />
        </HydrationBoundary>
      </Card>
    </>
  );
}
