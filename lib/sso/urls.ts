// The addresses an IdP administrator copies: derived from EXTERNAL_URL and the provider's slug.
export function samlUrls(externalUrl: string, slug: string) {
  const base = `${externalUrl.replace(/\/+$/, "")}/api/auth/saml/${encodeURIComponent(slug)}`;
  return { metadataUrl: `${base}/metadata`, acsUrl: `${base}/acs`, loginUrl: `${base}/login` };
}

/** next-auth's callback for the OIDC provider registered as `oidc-<slug>`. */
export function oidcRedirectUri(externalUrl: string, slug: string): string {
  return `${externalUrl.replace(/\/+$/, "")}/api/auth/callback/${oidcProviderId(slug)}`;
}

export function oidcProviderId(slug: string): string {
  return `oidc-${slug}`;
}

export function signInMethod(kind: "oidc" | "saml", slug: string): string {
  return `${kind}:${slug}`;
}
