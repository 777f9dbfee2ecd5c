import type { OidcProviderView, SamlProviderView } from "@/lib/server/sso-settings";
import { Badge } from "../../ui/badge";
import { CopyField } from "../../ui/copy-field";
import { EmptyState } from "../../ui/empty-state";
import { ProviderActions } from "./provider-actions";

function ProviderHeader({
  label,
  slug,
  isEnabled,
  autoCreateUsers,
  linkByEmail,
  requireMfa,
  connections,
}: {
  label: string;
  slug: string;
  isEnabled: boolean;
  autoCreateUsers: boolean;
  linkByEmail: boolean;
  requireMfa: boolean;
  connections: number;
}) {
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium">{label}</h3>
        {isEnabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
        {autoCreateUsers && <Badge tone="accent">Creates users</Badge>}
        {linkByEmail && <Badge tone="accent">Links by email</Badge>}
        {requireMfa && <Badge tone="success">MFA required</Badge>}
      </div>
      <p className="mt-0.5 text-xs text-muted">
        {slug} · {connections} connected {connections === 1 ? "identity" : "identities"}
      </p>
    </div>
  );
}

export function OidcProviderList({ providers }: { providers: OidcProviderView[] }) {
  if (!providers.length) return <EmptyState title="No OIDC providers">Add one to offer &quot;Sign in with…&quot; through an OpenID Connect identity provider.</EmptyState>;
  return (
    <ul className="-mx-5 -my-4 divide-y divide-border">
      {providers.map((provider) => (
        <li key={provider.id} className="space-y-3 px-5 py-4" data-testid={`oidc-provider-${provider.slug}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <ProviderHeader {...provider} />
            <ProviderActions kind="oidc" provider={provider} />
          </div>
          <dl className="grid gap-1 text-xs text-muted sm:grid-cols-[max-content_1fr] sm:gap-x-4">
            <dt>Discovery</dt>
            <dd className="truncate text-foreground">{provider.discoveryUrl}</dd>
            <dt>Client ID</dt>
            <dd className="truncate text-foreground">{provider.clientId}</dd>
          </dl>
          <CopyField label="Redirect URI" value={provider.redirectUri} />
        </li>
      ))}
    </ul>
  );
}

export function SamlProviderList({ providers }: { providers: SamlProviderView[] }) {
  if (!providers.length) return <EmptyState title="No SAML providers">Add one to sign in through a SAML 2.0 identity provider.</EmptyState>;
  return (
    <ul className="-mx-5 -my-4 divide-y divide-border">
      {providers.map((provider) => (
        <li key={provider.id} className="space-y-3 px-5 py-4" data-testid={`saml-provider-${provider.slug}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <ProviderHeader {...provider} />
            <ProviderActions kind="saml" provider={provider} />
          </div>
          <dl className="grid gap-1 text-xs text-muted sm:grid-cols-[max-content_1fr] sm:gap-x-4">
            <dt>IdP</dt>
            <dd className="truncate text-foreground">{provider.idpEntityId ?? "(no entity id)"}</dd>
            <dt>IdP SSO URL</dt>
            <dd className="truncate text-foreground">{provider.idpSsoUrl}</dd>
            <dt>Signing</dt>
            <dd className="text-foreground">
              {[provider.signRequests && "signed requests", provider.requireSignedResponses && "signed responses required", provider.requireSignedAssertions && "signed assertions required"]
                .filter(Boolean)
                .join(", ")}
            </dd>
          </dl>
          <div className="grid gap-3 lg:grid-cols-3">
            <CopyField label="SP metadata URL" value={provider.metadataUrl} />
            <CopyField label="ACS URL" value={provider.acsUrl} />
            <CopyField label="SP entity ID" value={provider.spEntityId} />
          </div>
        </li>
      ))}
    </ul>
  );
}
