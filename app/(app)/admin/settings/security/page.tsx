import type { Metadata } from "next";
import { AuditRetentionForm } from "@/components/admin/security/audit-retention-form";
import { ClientIsolationForm } from "@/components/admin/security/client-isolation-form";
import { DeviceLimitForm } from "@/components/admin/security/device-limit-form";
import { DevicePermissionsForm } from "@/components/admin/security/device-permissions-form";
import { VpnSessionForm } from "@/components/admin/security/vpn-session-form";
import { SettingsPage } from "@/components/admin/settings-tabs";
import { LocalAuthForm } from "@/components/admin/sso/local-auth-form";
import { Card } from "@/components/ui/card";
import { canEditSettings } from "@/lib/auth/permissions";
import { getSecuritySettings } from "@/lib/server/security-settings";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Security settings" };

export default async function SecuritySettingsPage() {
  const actor = await requirePermission(canEditSettings);
  const settings = await getSecuritySettings(actor);
  const frame = { active: "/admin/settings/security", description: "VPN sessions, password sign-in, what users may do with their own devices, what VPN clients may reach, how many devices users may have and how long the audit log is kept." } as const;
  if (!settings) return <SettingsPage {...frame} isConfigured={false} />;
  return (
    <SettingsPage {...frame}>
      <Card title="VPN sessions" description="How long devices stay connected after their owner signs in." className="lg:col-span-2">
        <VpnSessionForm duration={settings.vpnSessionDuration} usersWithoutSession={settings.usersWithoutSession} />
      </Card>
      <Card title="Password sign-in" description="Email and password accounts managed by WireGUI.">
        <LocalAuthForm isEnabled={settings.isLocalAuthEnabled} canDisable={settings.canDisableLocalAuth} />
      </Card>
      <Card title="Device permissions" description="What users may do with their own devices. Administrators always may.">
        <DevicePermissionsForm
          initial={{
            allowUnprivilegedDeviceManagement: settings.allowUnprivilegedDeviceManagement,
            allowUnprivilegedDeviceConfiguration: settings.allowUnprivilegedDeviceConfiguration,
          }}
        />
      </Card>
      <Card title="Client isolation" description="What VPN clients may reach through the server, and who may reach them. The collector enforces it with nftables.">
        <ClientIsolationForm initial={{ allowPeerToPeer: settings.allowPeerToPeer, allowServerNetworksToClients: settings.allowServerNetworksToClients }} />
      </Card>
      <Card title="Limits" description="So that one user or API token cannot fill the tunnel network.">
        <DeviceLimitForm maxDevicesPerUser={settings.maxDevicesPerUser} />
      </Card>
      <Card title="Audit log retention" description="How long the audit log keeps who did what.">
        <AuditRetentionForm days={settings.auditRetentionDays} />
      </Card>
    </SettingsPage>
  );
}
