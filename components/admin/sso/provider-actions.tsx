"use client";

import { useRouter } from "next/navigation";
import { deleteSsoProviderAction } from "@/app/(app)/admin/settings/authentication/actions";
import type { OidcProviderView, SamlProviderView } from "@/lib/server/sso-settings";
import { ConfirmButton } from "../../ui/confirm-button";
import { useServerAction } from "../../ui/use-server-action";
import { FormDialogButton } from "./form-dialog-button";
import { OidcProviderForm } from "./oidc-provider-form";
import { SamlProviderForm } from "./saml-provider-form";

type Props = { kind: "oidc"; provider: OidcProviderView } | { kind: "saml"; provider: SamlProviderView };

export function ProviderActions(props: Props) {
  const router = useRouter();
  const remove = useServerAction(deleteSsoProviderAction, { onSuccess: () => router.refresh() });
  const { provider } = props;
  return (
    <div className="flex gap-2">
      <FormDialogButton label="Edit" title={`Edit ${provider.label}`} variant="secondary">
        {(close) => (props.kind === "oidc" ? <OidcProviderForm provider={props.provider} onDone={close} /> : <SamlProviderForm provider={props.provider} onDone={close} />)}
      </FormDialogButton>
      <ConfirmButton
        label="Delete"
        variant="secondary"
        title={`Delete ${provider.label}?`}
        confirmLabel="Delete provider"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.run({ kind: props.kind, id: provider.id })}
      >
        Its sign-in button disappears. {provider.connections} connected {provider.connections === 1 ? "identity stays" : "identities stay"} on the
        accounts as &quot;provider removed&quot; and can no longer sign in.
      </ConfirmButton>
    </div>
  );
}

export function AddProviderButton({ kind }: { kind: "oidc" | "saml" }) {
  return (
    <FormDialogButton label={kind === "oidc" ? "Add OIDC provider" : "Add SAML provider"} title={kind === "oidc" ? "Add an OIDC provider" : "Add a SAML provider"}>
      {(close) => (kind === "oidc" ? <OidcProviderForm onDone={close} /> : <SamlProviderForm onDone={close} />)}
    </FormDialogButton>
  );
}
