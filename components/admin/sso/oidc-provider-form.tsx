"use client";

import { useRouter } from "next/navigation";
import { createOidcProviderAction, updateOidcProviderAction } from "@/app/(app)/admin/settings/authentication/actions";
import type { OidcProviderView } from "@/lib/server/sso-settings";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Checkbox } from "../../ui/checkbox";
import { Field, TextInput } from "../../ui/field";
import { useServerAction } from "../../ui/use-server-action";

/** Add (no `provider`) or edit an OIDC provider. Saving fetches and checks the discovery document. */
export function OidcProviderForm({ provider, onDone }: { provider?: OidcProviderView; onDone: () => void }) {
  const router = useRouter();
  const options = {
    onSuccess: () => {
      onDone();
      router.refresh();
    },
  };
  const create = useServerAction(createOidcProviderAction, options);
  const update = useServerAction(updateOidcProviderAction, options);
  const action = provider ? update : create;
  // Edits nest the fields under `provider`; the server's field names follow.
  const error = (name: string) => action.fieldErrors[name] ?? action.fieldErrors[`provider.${name}`];
  const prefix = provider ? `oidc-${provider.slug}-` : "oidc-new-";
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(prefix + name) ?? "");
        const input = {
          label: text("label"),
          clientId: text("clientId"),
          clientSecret: text("clientSecret"),
          discoveryUrl: text("discoveryUrl"),
          scopes: text("scopes"),
          autoCreateUsers: form.get(prefix + "autoCreateUsers") === "on",
          isEnabled: form.get(prefix + "isEnabled") === "on",
        };
        if (provider) update.run({ id: provider.id, provider: input });
        else create.run(input);
      }}
    >
      {action.error && !Object.keys(action.fieldErrors).length && <Alert tone="error">{action.error}</Alert>}
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
          hint={provider ? "Leave empty to keep the stored secret. Stored encrypted." : "Stored encrypted."}
        >
          <TextInput name={prefix + "clientSecret"} type="password" autoComplete="new-password" error={error("clientSecret")} />
        </Field>
        <Field label="Scopes" name={prefix + "scopes"} error={error("scopes")} hint="Space separated; must include openid.">
          <TextInput name={prefix + "scopes"} defaultValue={provider?.scopes ?? "openid email profile"} error={error("scopes")} />
        </Field>
      </div>
      <div className="space-y-2">
        <Checkbox name={prefix + "autoCreateUsers"} label="Create users on first sign-in" hint="Unknown people get an unprivileged account. Off: only existing users (matched by email) can sign in." defaultChecked={provider?.autoCreateUsers ?? false} />
        <Checkbox name={prefix + "isEnabled"} label="Enabled" hint="Shown on the sign-in page." defaultChecked={provider?.isEnabled ?? true} error={error("isEnabled")} />
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" isPending={action.isPending}>
          {provider ? "Save provider" : "Add provider"}
        </Button>
      </div>
    </form>
  );
}
