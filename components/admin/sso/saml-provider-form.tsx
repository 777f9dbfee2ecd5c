"use client";

import { useState } from "react";
import { createSamlProviderAction, updateSamlProviderAction } from "@/app/(app)/admin/settings/authentication/actions";
import type { SamlProviderView } from "@/lib/server/sso-settings";
import { Alert } from "../../ui/alert";
import { Checkbox } from "../../ui/checkbox";
import { Field, TextArea, TextInput } from "../../ui/field";
import { ProviderFormFooter } from "./provider-form-footer";
import { useProviderForm } from "./use-provider-form";
import { DataForm } from "../../ui/data-form";
import { DEFAULT_SAML_MFA_CONTEXTS } from "@/lib/sso/mfa-policy";
import { SignInPolicyFields } from "./sign-in-policy-fields";

const switches = [
  { name: "signRequests", label: "Sign authentication requests", hint: "With the SP key WireGUI generates; its certificate is in the SP metadata.", initial: true },
  { name: "requireSignedAssertions", label: "Require signed assertions", initial: true },
  { name: "requireSignedResponses", label: "Require signed responses", initial: true },
  { name: "autoCreateUsers", label: "Create users on first sign-in", hint: "Unknown people get an unprivileged account. Off: only people who already have an account.", initial: false },
  { name: "isEnabled", label: "Enabled", hint: "Shown on the sign-in page.", initial: true },
] as const;

/** Add (no `provider`) or edit a SAML provider. Saving reads and checks the IdP metadata. */
export function SamlProviderForm({ provider, onDone }: { provider?: SamlProviderView; onDone: () => void }) {
  const save = useProviderForm({ create: createSamlProviderAction, update: updateSamlProviderAction }, provider?.id, onDone);
  const error = save.fieldError;
  const prefix = provider ? `saml-${provider.slug}-` : "saml-new-";
  const [source, setSource] = useState<"xml" | "url">(provider?.metadataSource ?? "url");
  const [metadataUrl, setMetadataUrl] = useState(provider?.idpMetadataUrl ?? "");
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        const text = (name: string) => String(form.get(prefix + name) ?? "");
        const flag = (name: string) => form.get(prefix + name) === "on";
        const input = {
          label: text("label"),
          metadataSource: source,
          idpMetadataXml: source === "xml" ? text("idpMetadataXml") : "",
          idpMetadataUrl: source === "url" ? text("idpMetadataUrl") : "",
          spEntityId: text("spEntityId"),
          emailAttribute: text("emailAttribute"),
          nameAttribute: text("nameAttribute"),
          signRequests: flag("signRequests"),
          requireSignedAssertions: flag("requireSignedAssertions"),
          requireSignedResponses: flag("requireSignedResponses"),
          autoCreateUsers: flag("autoCreateUsers"),
          isEnabled: flag("isEnabled"),
          linkByEmail: flag("linkByEmail"),
          requireMfa: flag("requireMfa"),
          mfaAuthnContexts: text("mfaAuthnContexts"),
        };
        save.submit(input);
      }}
    >
      {save.error && <Alert tone="error">{save.error}</Alert>}
      <Field label="Label" name={prefix + "label"} error={error("label")} hint="Shown on the sign-in button.">
        <TextInput name={prefix + "label"} defaultValue={provider?.label} error={error("label")} />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">IdP metadata</legend>
        <div className="flex gap-4 text-sm">
          {(["url", "xml"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name={prefix + "metadataSource"} value={value} checked={source === value} onChange={() => setSource(value)} className="accent-[var(--accent)]" />
              {value === "url" ? "From a URL" : "Paste XML"}
            </label>
          ))}
        </div>
        {source === "url" ? (
          <Field label="Metadata URL" name={prefix + "idpMetadataUrl"} error={error("idpMetadataUrl")} hint="Read once when saving; save again after the IdP rotates its certificate.">
            <TextInput name={prefix + "idpMetadataUrl"} type="url" value={metadataUrl} onChange={(event) => setMetadataUrl(event.target.value)} error={error("idpMetadataUrl")} />
          </Field>
        ) : null}
        {source === "url" && isPlainHttp(metadataUrl) ? (
          <Alert tone="warning">
            This metadata URL is plain http: whoever sits on the network path can swap the metadata, and with it the certificate WireGUI trusts, when it is read. Use an https URL or paste the XML.
          </Alert>
        ) : null}
        {source === "xml" ? (
          <Field label="Metadata XML" name={prefix + "idpMetadataXml"} error={error("idpMetadataXml")} hint="The IdP's EntityDescriptor with its SSO URL and signing certificate.">
            <TextArea name={prefix + "idpMetadataXml"} rows={6} defaultValue={provider?.idpMetadataXml} error={error("idpMetadataXml")} />
          </Field>
        ) : null}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="SP entity ID" name={prefix + "spEntityId"} error={error("spEntityId")} hint="Empty: the SP metadata URL.">
          <TextInput name={prefix + "spEntityId"} defaultValue={provider?.spEntityId} error={error("spEntityId")} />
        </Field>
        <Field label="Email attribute" name={prefix + "emailAttribute"} error={error("emailAttribute")} hint="Attribute name holding the email.">
          <TextInput name={prefix + "emailAttribute"} defaultValue={provider?.emailAttribute ?? "email"} error={error("emailAttribute")} />
        </Field>
        <Field label="Name attribute" name={prefix + "nameAttribute"} error={error("nameAttribute")} hint="Optional display name.">
          <TextInput name={prefix + "nameAttribute"} defaultValue={provider?.nameAttribute} error={error("nameAttribute")} />
        </Field>
      </div>
      <div className="grid gap-2 md:grid-cols-2">
        {switches.map((item) => (
          <Checkbox key={item.name} name={prefix + item.name} label={item.label} hint={"hint" in item ? item.hint : undefined} defaultChecked={provider ? provider[item.name] : item.initial} error={error(item.name)} />
        ))}
      </div>
      <SignInPolicyFields
        prefix={prefix}
        policy={provider}
        emailNote="SAML cannot say whether the IdP verified it: turn this on only for an IdP that does"
        error={error}
        lists={[
          {
            name: "mfaAuthnContexts",
            label: "AuthnContextClassRef values",
            hint: "Requested in the AuthnRequest (exact); the signed assertion must report one of them.",
            values: provider?.mfaAuthnContexts,
            defaults: DEFAULT_SAML_MFA_CONTEXTS,
          },
        ]}
      />
      <ProviderFormFooter isEdit={Boolean(provider)} isPending={save.isPending} onCancel={onDone} />
    </DataForm>
  );
}

function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}
