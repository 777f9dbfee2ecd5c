import type { Metadata } from "next";
import { RuleDialogButton } from "@/components/admin/rules/rule-dialog";
import { RulesTable } from "@/components/admin/rules/rules-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/devices/relative-time";
import { canManageRules } from "@/lib/auth/permissions";
import { getRulesPageFor } from "@/lib/server/rules";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Rules" };

export default async function AdminRulesPage() {
  const actor = await requirePermission(canManageRules);
  const { rules, users, status, interfaceName } = await getRulesPageFor(actor);
  return (
    <>
      <PageHeader
        title="Egress rules"
        description="What VPN clients may reach. The first matching rule decides; traffic no rule matches is accepted."
        actions={<RuleDialogButton users={users} label="Add rule" />}
      />
      <div className="space-y-6">
        <Card title="Enforcement" description={`The collector applies the rules with nftables (table inet wiregui) on ${interfaceName}'s traffic.`}>
          {status?.lastError && (!status.appliedAt || status.lastErrorAt! > status.appliedAt) ? (
            <Alert tone="error">
              The last attempt failed <RelativeTime date={status.lastErrorAt!} />: {status.lastError}
            </Alert>
          ) : status?.appliedAt ? (
            <p className="text-sm">
              Applied <RelativeTime date={status.appliedAt} /> ({status.ruleCount} rule{status.ruleCount === 1 ? "" : "s"}). Changes take effect within a second.
            </p>
          ) : (
            <Alert tone="warning">Not applied yet: no collector has reported for {interfaceName}. Is it running?</Alert>
          )}
        </Card>
        <Card title={`Rules (${rules.length})`}>
          <RulesTable rules={rules} users={users} emptyText="Every destination is reachable. Add a drop rule to block a network or a port." />
        </Card>
      </div>
    </>
  );
}
