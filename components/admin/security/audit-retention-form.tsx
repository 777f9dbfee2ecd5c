"use client";

import { AUDIT_RETENTION_MAX_DAYS, DEFAULT_AUDIT_RETENTION_DAYS } from "@/lib/audit/retention-days";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DataForm } from "../../ui/data-form";
import { Field, TextInput } from "../../ui/field";
import { useSecuritySettingsAction } from "./use-security-settings-action";

export function AuditRetentionForm({ days }: { days: number }) {
  const action = useSecuritySettingsAction();
  const error = action.fieldErrors.auditRetentionDays;
  return (
    <DataForm
      className="space-y-4"
      onData={(form) => {
        const value = String(form.get("auditRetentionDays") ?? "").trim();
        action.run({ auditRetentionDays: /^\d+$/.test(value) ? Number(value) : Number.NaN });
      }}
    >
      {action.isSuccess && <Alert tone="success">Audit log retention saved. The next daily prune applies it.</Alert>}
      {action.error && !error && <Alert tone="error">{action.error}</Alert>}
      <div className="max-w-xs">
        <Field label="Keep audit events for (days)" name="auditRetentionDays" error={error} hint={`1 to ${AUDIT_RETENTION_MAX_DAYS} days; ${DEFAULT_AUDIT_RETENTION_DAYS} by default.`}>
          <TextInput name="auditRetentionDays" inputMode="numeric" defaultValue={String(days)} error={error} autoComplete="off" />
        </Field>
      </div>
      <p className="text-sm text-muted">
        Once a day each web process deletes events whose last occurrence is older than this; <code>wiregui prune-audit</code> does it on demand.
      </p>
      <Button type="submit" isPending={action.isPending}>
        Save retention
      </Button>
    </DataForm>
  );
}
