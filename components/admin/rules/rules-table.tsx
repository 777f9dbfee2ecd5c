import Link from "next/link";
import { describePorts } from "@/lib/rules/schema";
import type { ExplainedRule } from "@/lib/server/rules";
import { Badge } from "../../ui/badge";
import { EmptyState } from "../../ui/empty-state";
import { DeleteRuleButton, MoveRuleButtons } from "./rule-actions";
import { RuleDialogButton, type UserOption } from "./rule-dialog";
import { CardTable } from "../../ui/card-table";

export function ruleSummary(rule: ExplainedRule): string {
  return `${rule.action === "accept" ? "Accept" : "Drop"} ${rule.destination} ${describePorts(rule)} for ${rule.userEmail ?? "every user"}`;
}

/** Rules in evaluation order. With `users`, admins can edit, reorder and delete them. */
export function RulesTable({ rules, users, emptyText }: { rules: ExplainedRule[]; users?: UserOption[]; emptyText: string }) {
  if (rules.length === 0) return <EmptyState title="No egress rules">{emptyText}</EmptyState>;
  return (
    <CardTable
      label="Egress rules"
      head={
        <>
          <th className="px-5 py-2.5 font-medium">#</th>
          <th className="px-3 py-2.5 font-medium">Action</th>
          <th className="px-3 py-2.5 font-medium">Destination</th>
          <th className="px-3 py-2.5 font-medium">Protocol and ports</th>
          <th className="px-3 py-2.5 font-medium">Applies to</th>
          <th className="px-3 py-2.5 font-medium">Priority</th>
          {users && <th className="px-5 py-2.5 text-right font-medium">Manage</th>}
        </>
      }
    >
      {rules.map((rule, index) => (
        <tr key={rule.id} className="align-top" data-rule-id={rule.id}>
          <td className="px-5 py-3 tabular-nums text-muted">{rule.position}</td>
          <td className="px-3 py-3">{rule.action === "accept" ? <Badge tone="success">Accept</Badge> : <Badge tone="danger">Drop</Badge>}</td>
          <td className="min-w-[16rem] px-3 py-3">
            <code className="text-xs">{rule.destination}</code>
            {rule.description && <div className="mt-0.5 text-xs text-muted">{rule.description}</div>}
            {rule.notes.map((note) => (
              <div key={note} className="mt-1 max-w-md text-xs text-warning">
                ⚠ {note}
              </div>
            ))}
          </td>
          <td className="whitespace-nowrap px-3 py-3">{describePorts(rule)}</td>
          <td className="whitespace-nowrap px-3 py-3">
            {rule.userId ? (
              <Link href={`/admin/users/${rule.userId}`} className="hover:text-accent hover:underline">
                {rule.userEmail}
              </Link>
            ) : (
              <Badge tone="accent">Every user</Badge>
            )}
          </td>
          <td className="px-3 py-3 tabular-nums">{rule.priority}</td>
          {users && (
            <td className="whitespace-nowrap px-5 py-2 text-right">
              <span className="inline-flex items-center gap-1">
                <MoveRuleButtons ruleId={rule.id} position={rule.position} isFirst={index === 0} isLast={index === rules.length - 1} />
                <RuleDialogButton rule={rule} users={users} label="Edit" variant="secondary" buttonClassName="px-2.5 py-1 text-xs" />
                <DeleteRuleButton ruleId={rule.id} position={rule.position} summary={ruleSummary(rule)} />
              </span>
            </td>
          )}
        </tr>
      ))}
    </CardTable>
  );
}
