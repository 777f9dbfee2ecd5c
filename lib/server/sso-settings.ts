import "server-only";
import { canEditSettings } from "../auth/permissions";
import { arePrivateIdpAddressesAllowed, isLocalAuthEnabled } from "../db/configuration";
import { hasWorkingAdminSso, listOidcProviders, listSamlProviders } from "../db/sso";
import { getEnv } from "../env";
import { oidcRedirectUri, samlUrls } from "../sso/urls";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

/** The Authentication tab: providers without their secrets, with the URLs an IdP admin needs. */
export async function getSsoSettings(actor: Principal) {
  if (!canEditSettings(actor)) throw new ForbiddenError();
  const db = getDb();
  const externalUrl = getEnv().EXTERNAL_URL;
  const [oidc, saml, localAuth, adminSso, counts, allowPrivateIdpAddresses] = await Promise.all([
    listOidcProviders(db),
    listSamlProviders(db),
    isLocalAuthEnabled(db),
    hasWorkingAdminSso(db),
    db.ssoConnection.groupBy({ by: ["oidcProviderId", "samlProviderId"], where: { status: "active" }, _count: { _all: true } }),
    arePrivateIdpAddressesAllowed(db),
  ]);
  const connections = (id: string) => counts.filter((row) => row.oidcProviderId === id || row.samlProviderId === id).reduce((sum, row) => sum + row._count._all, 0);
  return {
    isLocalAuthEnabled: localAuth,
    canDisableLocalAuth: adminSso,
    allowPrivateIdpAddresses,
    oidc: oidc.map((provider) => ({
      id: provider.id,
      slug: provider.slug,
      label: provider.label,
      clientId: provider.clientId,
      discoveryUrl: provider.discoveryUrl,
      scopes: provider.scopes,
      autoCreateUsers: provider.autoCreateUsers,
      isEnabled: provider.isEnabled,
      linkByEmail: provider.linkByEmail,
      requireMfa: provider.requireMfa,
      mfaAmrValues: provider.mfaAmrValues,
      mfaAcrValues: provider.mfaAcrValues,
      connections: connections(provider.id),
      redirectUri: oidcRedirectUri(externalUrl, provider.slug),
    })),
    saml: saml.map((provider) => ({
      id: provider.id,
      slug: provider.slug,
      label: provider.label,
      metadataSource: provider.idpMetadataUrl ? ("url" as const) : ("xml" as const),
      idpMetadataXml: provider.idpMetadataXml ?? "",
      idpMetadataUrl: provider.idpMetadataUrl ?? "",
      idpEntityId: provider.idpEntityId,
      idpSsoUrl: provider.idpSsoUrl,
      spEntityId: provider.spEntityId,
      signRequests: provider.signRequests,
      requireSignedAssertions: provider.requireSignedAssertions,
      requireSignedResponses: provider.requireSignedResponses,
      autoCreateUsers: provider.autoCreateUsers,
      isEnabled: provider.isEnabled,
      emailAttribute: provider.emailAttribute,
      nameAttribute: provider.nameAttribute ?? "",
      linkByEmail: provider.linkByEmail,
      requireMfa: provider.requireMfa,
      mfaAuthnContexts: provider.mfaAuthnContexts,
      connections: connections(provider.id),
      ...samlUrls(externalUrl, provider.slug),
    })),
  };
}

export type SsoSettings = Awaited<ReturnType<typeof getSsoSettings>>;
export type OidcProviderView = SsoSettings["oidc"][number];
export type SamlProviderView = SsoSettings["saml"][number];
