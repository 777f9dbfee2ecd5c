import type { Metadata } from "next";
import { SettingsPage } from "@/components/admin/settings-tabs";
import { IdpNetworkForm } from "@/components/admin/sso/idp-network-form";
import { AddProviderButton } from "@/components/admin/sso/provider-actions";
import { OidcProviderList, SamlProviderList } from "@/components/admin/sso/provider-list";
import { Card } from "@/components/ui/card";
import { canEditSettings } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/server/session";
import { getSsoSettings } from "@/lib/server/sso-settings";

export const metadata: Metadata = { title: "Authentication settings" };

export default async function AuthenticationSettingsPage() {
  const actor = await requirePermission(canEditSettings);
  const settings = await getSsoSettings(actor);
  return (
    <SettingsPage active="/admin/settings/authentication" description="Single sign-on providers. Password sign-in is turned on and off on the Security tab." isSingleColumn>
      <Card
        title="OIDC providers"
        description="OpenID Connect identity providers. Register the redirect URI at the provider."
        actions={<AddProviderButton kind="oidc" />}
      >
        <OidcProviderList providers={settings.oidc} />
      </Card>
      <Card title="SAML providers" description="SAML 2.0 identity providers. Give the IdP the SP metadata URL, or the ACS URL and entity ID." actions={<AddProviderButton kind="saml" />}>
        <SamlProviderList providers={settings.saml} />
      </Card>
      <Card title="Provider network" description="Where the server may connect when it reads a provider's discovery document or metadata, and during sign-in.">
        <IdpNetworkForm isAllowed={settings.allowPrivateIdpAddresses} />
      </Card>
    </SettingsPage>
  );
}
