import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteDeviceButton } from "@/components/devices/delete-device-button";
import { DownloadConfigButton } from "@/components/devices/download-config-button";
import { EditDeviceForm } from "@/components/devices/edit-device-form";
import { LiveDeviceStats, LiveDeviceStatus } from "@/components/devices/live-device";
import { TrafficPanel } from "@/components/devices/traffic-panel";
import { VpnSessionNotice } from "@/components/devices/vpn-session-notice";
import { Card } from "@/components/ui/card";
import { DefinitionRows } from "@/components/ui/definition-rows";
import { PageHeader } from "@/components/ui/page-header";
import { isAdmin } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { getDeviceFormContext } from "@/lib/server/device-page";
import { getDevice } from "@/lib/server/devices";
import { getVpnSessionStatusOf } from "@/lib/server/security-settings";
import { NotFoundError } from "@/lib/server/errors";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const device = await getDevice(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [form, session] = await Promise.all([getDeviceFormContext(user, device.userId), getVpnSessionStatusOf(user, device.userId)]);
  const effective = device.effective;
  return (
    <>
      <PageHeader
        title={device.name}
        description={device.description || (isAdmin(user) && device.userId !== user.id ? `Owned by ${device.user.email}` : "A WireGuard peer")}
        actions={<LiveDeviceStatus initial={device} />}
      />
      {session && session.kind !== "unlimited" && (
        <div className="mb-6">
          <VpnSessionNotice status={session} isOwn={device.userId === user.id} returnTo={`/devices/${device.id}`} />
        </div>
      )}
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Card title="Keys and addresses">
          <DefinitionRows
            rows={[
              ["Owner", device.user.email],
              ["Public key", <code key="k" className="text-xs">{device.publicKey}</code>],
              ["Private key", "Shown once at creation; not stored"],
              ["Preshared key", "Set (in the configuration)"],
              ["IPv4", <code key="4">{device.ipv4}</code>],
              ["IPv6", <code key="6">{device.ipv6}</code>],
              ["Created", formatDateTime(device.createdAt)],
            ]}
          />
        </Card>
        <Card title="Last stats" description="Refreshed every 10 seconds.">
          <LiveDeviceStats initial={device} />
        </Card>
        <div className="lg:col-span-2">
          <TrafficPanel endpoint={`/api/v1/devices/${device.id}/traffic`} title="Traffic" description="Bytes per second received from and sent to this device." />
        </div>
        <Card title="Effective configuration" description="What the device's configuration uses, defaults included." actions={<DownloadConfigButton id={device.id} />}>
          {effective ? (
            <DefinitionRows
              rows={[
                ["Allowed IPs", effective.allowedIps.join(", ")],
                ["DNS", effective.dns.join(", ") || "—"],
                ["Endpoint", effective.endpoint || "—"],
                ["MTU", effective.mtu],
                ["Persistent keepalive", effective.persistentKeepalive ? `${effective.persistentKeepalive} s` : "Off"],
              ]}
            />
          ) : (
            <p className="text-sm text-muted">WireGUI is not set up yet.</p>
          )}
        </Card>
        {form.canManage && (
          <Card title="Edit" actions={<DeleteDeviceButton id={device.id} name={device.name} returnTo={device.userId === user.id ? "/devices" : "/admin/devices"} />}>
            <EditDeviceForm
              id={device.id}
              defaults={form.defaults}
              canConfigure={form.canConfigure}
              initial={{
                name: device.name,
                description: device.description,
                useDefaultAllowedIps: device.useDefaultAllowedIps,
                allowedIps: device.allowedIps.join(", "),
                useDefaultDns: device.useDefaultDns,
                dns: device.dns.join(", "),
                useDefaultEndpoint: device.useDefaultEndpoint,
                endpoint: device.endpoint ?? "",
                useDefaultMtu: device.useDefaultMtu,
                mtu: device.mtu?.toString() ?? "",
                useDefaultPersistentKeepalive: device.useDefaultPersistentKeepalive,
                persistentKeepalive: device.persistentKeepalive?.toString() ?? "",
              }}
            />
          </Card>
        )}
      </div>
    </>
  );
}
