"use client";

import { createOidcProviderAction, updateOidcProviderAction } from "@/app/(app)/admin/settings/authentication/actions";
import type { OidcProviderView } from "@/lib/server/sso-settings";
import { Alert } from "../../ui/alert";
import { Checkbox } from "../../ui/checkbox";
import { Field, TextInput } from "../../ui/field";
import { ProviderFormFooter } from "./provider-form-footer";
import { useProviderForm } from "./use-provider-form";
import { DataForm } from "../../ui/data-form";
import { DEFAULT_OIDC_MFA_ACR, DEFAULT_OIDC_MFA_AMR } from "@/lib/sso/mfa-policy";
import { SignInPolicyFields } from "./sign-in-policy-fields";

/** Add (no `provider`) or edit an OIDC provider. Saving fetches and checks the discovery document. */
export function OidcProviderForm({ provider, onDone }: { provider?: OidcProviderView; onDone: () => void }) {
  const save = useProviderForm({ create: createOidcProviderAction, update: updateOidcProviderAction }, provider?.id, onDone);
  const error = save.fieldError;
  const prefix = provider ? `oidc-${provider.slug}-` : "oidc-new-";
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        const text = (name: string) => String(form.get(prefix + name) ?? "");
        const input = {
          label: text("label"),
          clientId: text("clientId"),
          clientSecret: text("clientSecret"),
          discoveryUrl: text("discoveryUrl"),
          scopes: text("scopes"),
          autoCreateUsers: form.get(prefix + "autoCreateUsers") === "on",
          isEnabled: form.get(prefix + "isEnabled") === "on",
          linkByEmail: form.get(prefix + "linkByEmail") === "on",
          requireMfa: form.get(prefix + "requireMfa") === "on",
          mfaAmrValues: text("mfaAmrValues"),
          mfaAcrValues: text("mfaAcrValues"),
        };
        save.submit(input);
      }}
    >
      {save.error && <Alert tone="error">{save.error}</Alert>}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Label" name={prefix + "label"} error={error("label")} hint="Shown on the sign-in button.">
          <TextInput name={prefix + "label"} defaultValue={provider?.label} error={error("label")} />
        </Field>
        <Field label="Discovery URL" name={prefix + "discoveryUrl"} error={error("discoveryUrl")} hint="The issuer's /.well-known/openid-configuration.">
          <TextInput name={prefix + "discoveryUrl"} type="url" defaultValue={provider?.discoveryUrl} error={error("discoveryUrl")} />
        </Field>
        <Field label="Client ID" name={prefix + "clientId"} error={error("clientId")}>
          <TextInput name={prefix + "clientId"} defaultValue={provider?.clientId} autoComplete="off" error={error("clientId")} />
        </Field>
        <Field
          label="Client secret"
          name={prefix + "clientSecret"}
          error={error("clientSecret")}
          hint={provider ? "Leave empty to keep the stored secret (a new discovery URL needs it again). Stored encrypted." : "Stored encrypted."}
        >
          <TextInput name={prefix + "clientSecret"} type="password" autoComplete="new-password" error={error("clientSecret")} />
        </Field>
        <Field label="Scopes" name={prefix + "scopes"} error={error("scopes")} hint="Space separated; must include openid.">
          <TextInput name={prefix + "scopes"} defaultValue={provider?.scopes ?? "openid email profile"} error={error("scopes")} />
        </Field>
      </div>
      <div className="space-y-2">
        <Checkbox name={prefix + "autoCreateUsers"} label="Create users on first sign-in" hint="Unknown people get an unprivileged account. Off: only people who already have an account can sign in." defaultChecked={provider?.autoCreateUsers ?? false} />
        <Checkbox name={prefix + "isEnabled"} label="Enabled" hint="Shown on the sign-in page." defaultChecked={provider?.isEnabled ?? true} error={error("isEnabled")} />
      </div>
      <SignInPolicyFields
        prefix={prefix}
        policy={provider}
        emailNote="only one the IdP marks email_verified"
        error={error}
        lists={[
          { name: "mfaAmrValues", label: "amr values", hint: "Any one of these in the ID token's amr claim counts (RFC 8176).", values: provider?.mfaAmrValues, defaults: DEFAULT_OIDC_MFA_AMR },
          { name: "mfaAcrValues", label: "acr values", hint: "An acr claim equal to one of these counts; also requested as acr_values.", values: provider?.mfaAcrValues, defaults: DEFAULT_OIDC_MFA_ACR },
        ]}
      />
      <ProviderFormFooter isEdit={Boolean(provider)} isPending={save.isPending} onCancel={onDone} />
    </DataForm>
  );
}
