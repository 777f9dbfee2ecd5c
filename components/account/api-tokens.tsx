"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/account/api-token-actions";
import { DEFAULT_TOKEN_LIFETIME, TOKEN_LIFETIMES, type TokenLifetime, type TokenStatus } from "@/lib/api-tokens/lifetime";
import { formatDate, formatDateTime } from "@/lib/format";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataForm } from "../ui/data-form";
import { Dialog } from "../ui/dialog";
import { EmptyState } from "../ui/empty-state";
import { Field, SelectInput, TextInput } from "../ui/field";
import { useServerAction } from "../ui/use-server-action";
import { ConfirmActionButton } from "../ui/confirm-action-button";
import { CardTable } from "../ui/card-table";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  status: TokenStatus;
}

const lifetimeLabels: Record<TokenLifetime, string> = { "1": "1 day", "7": "7 days", "30": "30 days", "90": "90 days", "365": "365 days", never: "No expiry" };

const statusBadges = {
  active: <Badge tone="success">Active</Badge>,
  expired: <Badge tone="warning">Expired</Badge>,
  revoked: <Badge>Revoked</Badge>,
} as const;

/** The token, once: it is not stored, so closing the dialog loses it. */
function NewTokenDialog({ created, onClose }: { created: { token: string; name: string } | null; onClose: () => void }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <Dialog isOpen={created !== null} onClose={onClose} title="Your new API token">
      {created && (
        <div className="space-y-4">
          <Alert tone="warning">Copy it now: this is the only time it is shown. WireGUI keeps only a hash and cannot show it again.</Alert>
          <div className="space-y-1">
            <div className="text-xs font-medium text-muted">{created.name}</div>
            <code aria-label="New API token" className="block break-all rounded-md border border-border bg-surface-muted px-3 py-2 font-mono text-sm">
              {created.token}
            </code>
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(created.token).then(() => setIsCopied(true));
              }}
            >
              {isCopied ? "Copied" : "Copy"}
            </Button>
            <Button type="button" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

export function CreateApiTokenForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const action = useServerAction(createApiTokenAction, {
    onSuccess: () => {
      formRef.current?.reset();
      router.refresh();
    },
  });
  const created = action.data?.ok ? action.data.data : null;
  const errors = action.fieldErrors;
  return (
    <>
      <DataForm
        ref={formRef}
        className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]"
        onData={(form) => action.run({ name: String(form.get("tokenName") ?? ""), lifetime: String(form.get("tokenLifetime") ?? "") as TokenLifetime })}
      >
        <Field label="Token name" name="tokenName" error={errors.name} hint="What uses it, e.g. “backup script”.">
          <TextInput name="tokenName" maxLength={64} autoComplete="off" error={errors.name} />
        </Field>
        <Field label="Expires after" name="tokenLifetime" error={errors.lifetime}>
          <SelectInput name="tokenLifetime" defaultValue={DEFAULT_TOKEN_LIFETIME} error={errors.lifetime}>
            {TOKEN_LIFETIMES.map((lifetime) => (
              <option key={lifetime} value={lifetime}>
                {lifetimeLabels[lifetime]}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Button type="submit" isPending={action.isPending} className="sm:mt-6.5">
          Create token
        </Button>
      </DataForm>
      {action.error && !Object.keys(errors).length && (
        <div className="mt-3">
          <Alert tone="error">{action.error}</Alert>
        </div>
      )}
      <NewTokenDialog created={created} onClose={() => action.reset()} />
    </>
  );
}

function RevokeButton({ token, userId, isSelf }: { token: ApiTokenRow; userId: string; isSelf: boolean }) {
  return (
    <ConfirmActionButton action={revokeApiTokenAction} input={{ tokenId: token.id, userId }} label="Revoke" title={`Revoke ${token.name}?`} confirmLabel="Revoke token">
      Anything using <code className="font-mono">{token.prefix}…</code> loses access to the API at once, for good. {isSelf ? "You can" : "The user can"} create a new token
      at any time.
    </ConfirmActionButton>
  );
}

export function ApiTokensTable({ tokens, userId, isSelf }: { tokens: ApiTokenRow[]; userId: string; isSelf: boolean }) {
  if (!tokens.length) {
    return (
      <EmptyState title="No API tokens">
        {isSelf ? "Create one above to call the REST API from scripts and tools as yourself." : "This user has not created any API tokens."}
      </EmptyState>
    );
  }
  return (
    <CardTable
      label="API tokens"
      head={
        <>
          <th className="px-5 py-2.5 font-medium">Name</th>
          <th className="px-3 py-2.5 font-medium">Status</th>
          <th className="px-3 py-2.5 font-medium">Expires</th>
          <th className="px-3 py-2.5 font-medium">Last used</th>
          {/* Narrow screens keep what decides whether to revoke. */}
          <th className="hidden px-3 py-2.5 font-medium sm:table-cell">Token</th>
          <th className="hidden px-3 py-2.5 font-medium md:table-cell">Created</th>
          <th className="px-5 py-2.5 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </>
      }
    >
      {tokens.map((token) => (
        <tr key={token.id} className={token.status === "active" ? undefined : "text-muted"}>
          <td className="max-w-48 truncate px-5 py-3 font-medium" title={token.name}>
            {token.name}
          </td>
          <td className="px-3 py-3">{statusBadges[token.status]}</td>
          <td className="whitespace-nowrap px-3 py-3 text-muted">{token.expiresAt ? formatDateTime(token.expiresAt) : "Never"}</td>
          <td className="whitespace-nowrap px-3 py-3 text-muted">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
          <td className="hidden whitespace-nowrap px-3 py-3 sm:table-cell">
            <code className="font-mono text-xs">{token.prefix}…</code>
          </td>
          <td className="hidden whitespace-nowrap px-3 py-3 text-muted md:table-cell">{formatDate(token.createdAt)}</td>
          <td className="px-5 py-3 text-right">{token.status === "active" && <RevokeButton token={token} userId={userId} isSelf={isSelf} />}</td>
        </tr>
      ))}
    </CardTable>
  );
}
