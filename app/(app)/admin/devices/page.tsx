import type { Metadata } from "next";
import { DeviceOwnerFilter } from "@/components/devices/device-owner-filter";
import { CreateDeviceButton } from "@/components/devices/create-device-button";
import { LiveDevicesTable } from "@/components/devices/live-devices-table";
import { TrafficPanel } from "@/components/devices/traffic-panel";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageAllDevices } from "@/lib/auth/permissions";
import { getDeviceFormContext } from "@/lib/server/device-page";
import { listAllDevices } from "@/lib/server/devices";
import { requirePermission } from "@/lib/server/session";
import { listUsersFor } from "@/lib/server/users";

export const metadata: Metadata = { title: "Devices" };

export default async function AdminDevicesPage({ searchParams }: { searchParams: Promise<{ user?: string }> }) {
  const actor = await requirePermission(canManageAllDevices);
  const { user: userFilter } = await searchParams;
  const users = await listUsersFor(actor);
  const selected = users.find((user) => user.id === userFilter)?.id;
  const [devices, form] = await Promise.all([listAllDevices(actor, { userId: selected }), getDeviceFormContext(actor, actor.id)]);
  // The first owner is the form's default: the filtered user (from their user page), else yourself.
  const first = selected ?? actor.id;
  const owners = [...users].sort((a, b) => (a.id === first ? -1 : b.id === first ? 1 : a.email.localeCompare(b.email)));
  return (
    <>
      <PageHeader
        title="Devices"
        description="Every user's WireGuard peers."
        actions={form.isConfigured && <CreateDeviceButton defaults={form.defaults} canConfigure owners={owners.map(({ id, email }) => ({ id, email }))} />}
      />
      <div className="mb-6">
        <TrafficPanel endpoint="/api/v1/traffic" title="Overview" description="Peers online now and the traffic of every device together." />
      </div>
      <Card title={`${devices.length} device${devices.length === 1 ? "" : "s"}`} actions={<DeviceOwnerFilter users={users.map(({ id, email }) => ({ id, email }))} selected={selected ?? ""} />}>
        <LiveDevicesTable initial={devices} userFilter={selected ?? "all"} showOwner emptyText={selected ? "This user has no devices." : "Nobody has added a device yet."} />
      </Card>
    </>
  );
}
