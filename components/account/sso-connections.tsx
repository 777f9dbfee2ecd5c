"use client";

import { signIn } from "next-auth/react";
import { useRef } from "react";
import { disconnectSsoAction, startOidcLinkAction } from "@/app/(app)/account/actions";
import { confirmRecentAuthenticationAction } from "@/app/(app)/reauthentication-actions";
import { formatDateTime } from "@/lib/format";
import type { ConnectionView } from "@/lib/sso/connections";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { useServerAction } from "../ui/use-server-action";
import { ConfirmActionButton } from "../ui/confirm-action-button";
import { CardTable } from "../ui/card-table";

function StatusBadge({ status }: { status: ConnectionView["status"] }) {
  switch (status.kind) {
    case "active":
      return <Badge tone="success">Active</Badge>;
    case "provider_disabled":
      return <Badge tone="warning">Provider disabled</Badge>;
    case "provider_removed":
      return <Badge>Provider removed</Badge>;
    case "error":
      return (
        <span className="space-y-0.5">
          <Badge tone="danger">Error</Badge>
          <span className="block max-w-64 whitespace-normal text-xs text-muted">
            {status.message} ({formatDateTime(status.at)})
          </span>
        </span>
      );
  }
}

function DisconnectButton({ connection, userId, isSelf }: { connection: ConnectionView; userId: string; isSelf: boolean }) {
  return (
    <ConfirmActionButton action={disconnectSsoAction} input={{ connectionId: connection.id, userId }} label="Disconnect" title={`Disconnect ${connection.providerLabel}?`} confirmLabel="Disconnect">
      Signing in through {connection.providerLabel} as {connection.email ?? connection.subject} will no longer reach {isSelf ? "your" : "this"} account
      until it is connected again.
    </ConfirmActionButton>
  );
}

export function SsoConnectionsTable({ connections, userId, isSelf }: { connections: ConnectionView[]; userId: string; isSelf: boolean }) {
  if (!connections.length) {
    return <EmptyState title="No single sign-on connections">{isSelf ? "Connect a provider below to sign in with it." : "This user has not signed in through a provider."}</EmptyState>;
  }
  return (
    <CardTable
      label="SSO connections"
      head={
        <>
          <th className="px-5 py-2.5 font-medium">Provider</th>
          <th className="px-3 py-2.5 font-medium">Identity</th>
          <th className="px-3 py-2.5 font-medium">Status</th>
          <th className="px-3 py-2.5 font-medium">Last used</th>
          <th className="px-5 py-2.5 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </>
      }
    >
      {connections.map((connection) => (
        <tr key={connection.id}>
          <td className="whitespace-nowrap px-5 py-3">
            <span className="font-medium">{connection.providerLabel}</span> <span className="text-xs uppercase text-muted">{connection.providerKind}</span>
          </td>
          <td className="px-3 py-3">
            <div>{connection.email ?? "—"}</div>
            <div className="max-w-56 truncate text-xs text-muted" title={connection.subject}>
              {connection.subject}
            </div>
          </td>
          <td className="px-3 py-3">
            <StatusBadge status={connection.status} />
          </td>
          <td className="whitespace-nowrap px-3 py-3 text-muted">{connection.lastUsedAt ? formatDateTime(connection.lastUsedAt) : "Never"}</td>
          <td className="px-5 py-3 text-right">
            <DisconnectButton connection={connection} userId={userId} isSelf={isSelf} />
          </td>
        </tr>
      ))}
    </CardTable>
  );
}

/** "Connect" buttons for enabled providers the user has no connection to. Both kinds ask for a recent password first. */
export function ConnectProviders({ providers }: { providers: { kind: "oidc" | "saml"; slug: string; label: string }[] }) {
  const link = useServerAction(startOidcLinkAction, {
    onSuccess: async ({ nextAuthProvider }) => {
      await signIn(nextAuthProvider, { callbackUrl: "/account" });
    },
  });
  // SAML connects through a plain form POST (the route checks again); the confirmation comes first.
  const samlForm = useRef<HTMLFormElement | null>(null);
  const samlCheck = useServerAction(confirmRecentAuthenticationAction, { onSuccess: () => samlForm.current?.submit() });
  if (!providers.length) return null;
  return (
    <div className="mt-8 space-y-2 border-t border-border pt-4">
      <p className="text-sm text-muted">Connect another provider to sign in with it:</p>
      {(link.error ?? samlCheck.error) && <Alert tone="error">{link.error ?? samlCheck.error}</Alert>}
      <div className="flex flex-wrap gap-2">
        {providers.map((provider) =>
          provider.kind === "oidc" ? (
            <Button key={`oidc-${provider.slug}`} type="button" variant="secondary" isPending={link.isPending} onClick={() => link.run({ slug: provider.slug })}>
              Connect {provider.label}
            </Button>
          ) : (
            <form
              key={`saml-${provider.slug}`}
              method="post"
              action={`/api/auth/saml/${encodeURIComponent(provider.slug)}/login`}
              onSubmit={(event) => {
                event.preventDefault();
                samlForm.current = event.currentTarget;
                samlCheck.run({});
              }}
            >
              <Button type="submit" variant="secondary" isPending={samlCheck.isPending}>
                Connect {provider.label}
              </Button>
            </form>
          ),
        )}
      </div>
    </div>
  );
}
