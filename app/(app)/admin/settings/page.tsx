import type { Metadata } from "next";
import { ClientSettingsForm } from "@/components/admin/client-settings-form";
import { SettingsPage } from "@/components/admin/settings-tabs";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DefinitionRows } from "@/components/ui/definition-rows";
import { canViewAdminPages } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";
import { getSettingsSummary } from "@/lib/server/settings";
import { vpnSessionDurationLabel } from "@/lib/users/vpn-session";

export const metadata: Metadata = { title: "Settings" };

const onOff = (value: boolean) => (value ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>);

export default async function AdminSettingsPage() {
  const actor = await requirePermission(canViewAdminPages);
  const { configuration, interfaceName, externalUrl } = await getSettingsSummary(actor);
  const frame = { active: "/admin/settings", description: "Client defaults. The server's networks and keys are set by the setup command." } as const;
  if (!configuration) return <SettingsPage {...frame} isConfigured={false} />;
  return (
    <SettingsPage {...frame}>
      <Card title="WireGuard server">
        <DefinitionRows
          rows={[
            ["Interface", interfaceName],
            ["Listen port", configuration.listenPort],
            ["IPv4 network", configuration.ipv4Network],
            ["IPv6 network", configuration.ipv6Network],
            ["Public key", <code key="k" className="text-xs">{configuration.serverPublicKey ?? "not generated"}</code>],
            ["Web address", externalUrl],
          ]}
        />
      </Card>
      <Card title="Security" description="Set on the Security tab; single sign-on on the Authentication tab.">
        <DefinitionRows
          rows={[
            ["VPN session duration", vpnSessionDurationLabel(configuration.vpnSessionDuration)],
            ["Password sign-in", onOff(configuration.isLocalAuthEnabled)],
            ["Users manage their devices", onOff(configuration.allowUnprivilegedDeviceManagement)],
            ["Users change connection settings", onOff(configuration.allowUnprivilegedDeviceConfiguration)],
          ]}
        />
      </Card>
      <Card title="Client defaults" description="Used by every device that keeps a setting on its default." className="lg:col-span-2">
        <ClientSettingsForm
          initial={{
            defaultClientAllowedIps: configuration.defaultClientAllowedIps.join(", "),
            defaultClientDns: configuration.defaultClientDns.join(", "),
            defaultClientEndpoint: configuration.defaultClientEndpoint ?? "",
            defaultClientMtu: String(configuration.defaultClientMtu),
            defaultClientPersistentKeepalive: String(configuration.defaultClientPersistentKeepalive),
          }}
        />
      </Card>
    </SettingsPage>
  );
}
