"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "../ui/button";

export interface SsoButtonProvider {
  kind: "oidc" | "saml";
  slug: string;
  label: string;
}

/** One button per enabled provider. SAML is a plain GET form, so it works before hydration too. */
export function SsoButtons({ providers, callbackPath }: { providers: SsoButtonProvider[]; callbackPath: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {providers.map((provider) =>
        provider.kind === "oidc" ? (
          <Button
            key={`oidc-${provider.slug}`}
            type="button"
            variant="secondary"
            className="w-full"
            isPending={pending === provider.slug}
            onClick={() => {
              setPending(provider.slug);
              void signIn(`oidc-${provider.slug}`, { callbackUrl: callbackPath });
            }}
          >
            Sign in with {provider.label}
          </Button>
        ) : (
          <form key={`saml-${provider.slug}`} method="get" action={`/api/auth/saml/${encodeURIComponent(provider.slug)}/login`} onSubmit={() => setPending(`saml-${provider.slug}`)}>
            <input type="hidden" name="callbackUrl" value={callbackPath} />
            <Button type="submit" variant="secondary" className="w-full" isPending={pending === `saml-${provider.slug}`}>
              Sign in with {provider.label}
            </Button>
          </form>
        ),
      )}
    </div>
  );
}
