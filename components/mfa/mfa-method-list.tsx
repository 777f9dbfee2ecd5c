import { formatDateTime } from "@/lib/format";
import type { MfaMethodView } from "@/lib/db/mfa";
import { EmptyState } from "../ui/empty-state";
import { DeleteMfaMethodButton } from "./delete-mfa-method-button";

/** A user's authenticators: name, when added and last used; the owner can delete each one. */
export function MfaMethodList({ methods, canDelete, emptyText }: { methods: MfaMethodView[]; canDelete: boolean; emptyText: string }) {
  if (!methods.length) return <EmptyState title="No authenticators">{emptyText}</EmptyState>;
  return (
    <ul className="-mx-5 -my-4 divide-y divide-border text-sm" aria-label="Authenticators">
      {methods.map((method) => (
        <li key={method.id} className="flex items-center justify-between gap-3 px-5 py-3">
          <div className="min-w-0">
            <div className="truncate font-medium">{method.name}</div>
            <div className="text-xs text-muted">
              Added {formatDateTime(method.createdAt)} · {method.lastUsedAt ? `last used ${formatDateTime(method.lastUsedAt)}` : "never used to sign in"}
            </div>
          </div>
          {canDelete && <DeleteMfaMethodButton method={method} isLast={methods.length === 1} />}
        </li>
      ))}
    </ul>
  );
}
