"use client";

import { useRouter } from "next/navigation";
import { updateClientSettingsAction } from "@/app/(app)/admin/settings/actions";
import { ALLOWED_IPS_MAX_ENTRIES, DNS_MAX_ENTRIES } from "@/lib/validation/limits";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { DataForm } from "../ui/data-form";

export interface ClientSettingsValues {
  defaultClientAllowedIps: string;
  defaultClientDns: string;
  defaultClientEndpoint: string;
  defaultClientMtu: string;
  defaultClientPersistentKeepalive: string;
}

const textFields = [
  { name: "defaultClientEndpoint", label: "Endpoint", hint: "host[:port] devices connect to; the listen port is added when missing." },
  { name: "defaultClientAllowedIps", label: "Allowed IPs", hint: `CIDRs devices route through the tunnel, comma separated; at most ${ALLOWED_IPS_MAX_ENTRIES}.` },
  { name: "defaultClientDns", label: "DNS servers", hint: `IP addresses, comma separated, at most ${DNS_MAX_ENTRIES}; empty for none.` },
  { name: "defaultClientMtu", label: "MTU", hint: "1280 to 1500 (devices have IPv6 addresses)." },
  { name: "defaultClientPersistentKeepalive", label: "Persistent keepalive (seconds)", hint: "0 to 120; 0 turns it off." },
] as const;

export function ClientSettingsForm({ initial }: { initial: ClientSettingsValues }) {
  const router = useRouter();
  const action = useServerAction(updateClientSettingsAction, { onSuccess: () => router.refresh() });
  const errors = action.fieldErrors;
  return (
    <DataForm
      className="space-y-5"
      onData={(form) => {
        const text = (name: string) => String(form.get(name) ?? "");
        action.run({
          defaultClientAllowedIps: text("defaultClientAllowedIps"),
          defaultClientDns: text("defaultClientDns"),
          defaultClientEndpoint: text("defaultClientEndpoint"),
          defaultClientMtu: text("defaultClientMtu"),
          defaultClientPersistentKeepalive: text("defaultClientPersistentKeepalive"),
        });
      }}
    >
      {action.isSuccess && <Alert tone="success">Settings saved. New and downloaded configurations use them.</Alert>}
      {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
      <div className="grid gap-4 md:grid-cols-2">
        {textFields.map((field) => (
          <Field key={field.name} label={field.label} name={field.name} error={errors[field.name]} hint={field.hint}>
            <TextInput name={field.name} defaultValue={initial[field.name]} error={errors[field.name]} />
          </Field>
        ))}
      </div>
      <Button type="submit" isPending={action.isPending}>
        Save settings
      </Button>
    </DataForm>
  );
}
