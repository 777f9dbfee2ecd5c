"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveRuleAction } from "@/app/(app)/admin/rules/actions";
import type { RuleDefinition } from "@/lib/rules/schema";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DataForm } from "../../ui/data-form";
import { Dialog } from "../../ui/dialog";
import { Field, SelectInput, TextInput } from "../../ui/field";
import { useServerAction } from "../../ui/use-server-action";

export interface EditableRule extends RuleDefinition {
  priority: number;
  description: string;
}

export interface UserOption {
  id: string;
  email: string;
}

const portsText = (rule: EditableRule) => (rule.portStart === null ? "" : rule.portStart === rule.portEnd ? String(rule.portStart) : `${rule.portStart}-${rule.portEnd}`);

/**
 * "Add rule" / "Edit": the rule form in a dialog. When the rule overlaps others the server explains
 * how, and the rule is saved only after the admin confirms with "Save anyway".
 */
export function RuleDialogButton({
  rule,
  users,
  fixedUserId,
  label,
  variant = "primary",
  buttonClassName,
}: {
  rule?: EditableRule;
  users: UserOption[];
  fixedUserId?: string;
  label: string;
  variant?: "primary" | "secondary";
  buttonClassName?: string;
}) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [overlaps, setOverlaps] = useState<string[]>([]);
  const action = useServerAction(saveRuleAction, {
    onSuccess: (result) => {
      if (!result.saved) return setOverlaps(result.overlaps);
      setIsOpen(false);
      router.refresh();
    },
  });
  const errors = action.fieldErrors;
  const close = () => setIsOpen(false);

  return (
    <>
      <Button
        type="button"
        variant={variant}
        className={buttonClassName}
        onClick={() => {
          action.reset();
          setOverlaps([]);
          setFormKey((key) => key + 1);
          setIsOpen(true);
        }}
      >
        {label}
      </Button>
      <Dialog isOpen={isOpen} onClose={close} title={rule ? "Edit egress rule" : "Add an egress rule"}>
        <DataForm
          key={formKey}
          className="space-y-4"
          // Any change after the overlaps were shown makes them stale: the next save checks again.
          onChange={() => overlaps.length > 0 && setOverlaps([])}
          onData={(form) => {
            action.run({
              id: rule?.id,
              action: form.get("action") === "accept" ? "accept" : "drop",
              destination: String(form.get("destination") ?? ""),
              protocol: String(form.get("protocol") ?? "any") as EditableRule["protocol"],
              ports: String(form.get("ports") ?? ""),
              userId: fixedUserId ?? String(form.get("userId") ?? ""),
              priority: String(form.get("priority") ?? ""),
              description: String(form.get("description") ?? ""),
              acceptOverlaps: overlaps.length > 0,
            });
          }}
        >
          {action.error && !Object.keys(errors).length && <Alert tone="error">{action.error}</Alert>}
          {overlaps.length > 0 && (
            <Alert tone="warning">
              <p className="font-medium">This rule overlaps other rules</p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {overlaps.map((overlap) => (
                  <li key={overlap}>{overlap}</li>
                ))}
              </ul>
              <p className="mt-2">Rules are checked in order and the first match decides. Change the rule or its priority, or save it anyway.</p>
            </Alert>
          )}
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Field label="Action" name="action" error={errors.action}>
              <SelectInput name="action" defaultValue={rule?.action ?? "drop"} error={errors.action}>
                <option value="drop">Drop</option>
                <option value="accept">Accept</option>
              </SelectInput>
            </Field>
            <Field label="Destination" name="destination" error={errors.destination} hint="IPv4 or IPv6 network or address, e.g. 10.0.0.0/8.">
              <TextInput name="destination" defaultValue={rule?.destination ?? ""} error={errors.destination} placeholder="10.0.0.0/8" autoComplete="off" />
            </Field>
            <Field label="Protocol" name="protocol" error={errors.protocol}>
              <SelectInput name="protocol" defaultValue={rule?.protocol ?? "any"} error={errors.protocol}>
                <option value="any">Any</option>
                <option value="tcp">TCP</option>
                <option value="udp">UDP</option>
              </SelectInput>
            </Field>
            <Field label="Ports" name="ports" error={errors.ports} hint="Empty for every port; 443 or 8000-8100. With Any: TCP and UDP.">
              <TextInput name="ports" defaultValue={rule ? portsText(rule) : ""} error={errors.ports} placeholder="443" autoComplete="off" />
            </Field>
            {!fixedUserId && (
              <Field label="Applies to" name="userId" error={errors.userId}>
                <SelectInput name="userId" defaultValue={rule?.userId ?? ""} error={errors.userId}>
                  <option value="">Every user</option>
                  {users.map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.email}
                    </option>
                  ))}
                </SelectInput>
              </Field>
            )}
            <Field label="Priority" name="priority" error={errors.priority} hint="Lower runs first. Empty: after every rule.">
              <TextInput name="priority" inputMode="numeric" defaultValue={rule ? String(rule.priority) : ""} error={errors.priority} autoComplete="off" />
            </Field>
          </div>
          <Field label="Description" name="description" error={errors.description}>
            <TextInput name="description" defaultValue={rule?.description ?? ""} error={errors.description} placeholder="Why this rule exists" />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant={overlaps.length > 0 ? "danger" : "primary"} isPending={action.isPending}>
              {overlaps.length > 0 ? "Save anyway" : rule ? "Save rule" : "Add rule"}
            </Button>
          </div>
        </DataForm>
      </Dialog>
    </>
  );
}
