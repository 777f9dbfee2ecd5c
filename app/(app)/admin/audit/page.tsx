import type { Metadata } from "next";
import { AuditEventsTable } from "@/components/admin/audit-events-table";
import { AuditFilters } from "@/components/admin/audit-filters";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { auditQueryString, parseAuditFilters } from "@/lib/audit/filters";
import { canViewAuditLog } from "@/lib/auth/permissions";
import { listAuditEventsFor } from "@/lib/server/audit";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission(canViewAuditLog);
  const { filter, values, page, problems } = parseAuditFilters(await searchParams);
  const result = await listAuditEventsFor(actor, { filter, page });
  const isFiltered = Object.keys(filter).length > 0;
  const href = (target: number) => `/admin/audit?${auditQueryString(values, target)}`;
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, when and from where: sign-ins, sign-outs and every change to users, devices and settings. Newest first; times in UTC." />
      <div className="space-y-6">
        <Card title="Filters">
          <div className="space-y-4">
            {problems.length > 0 && (
              <Alert tone="warning">
                <ul className="list-inside list-disc">
                  {problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </Alert>
            )}
            <AuditFilters values={values} />
          </div>
        </Card>
        <Card title={isFiltered ? `${result.total} matching event${result.total === 1 ? "" : "s"}` : `${result.total} event${result.total === 1 ? "" : "s"}`}>
          {result.rows.length ? (
            <AuditEventsTable events={result.rows} />
          ) : isFiltered ? (
            <EmptyState title="No matching events">Nothing was recorded that matches these filters. Widen the dates or clear a filter.</EmptyState>
          ) : page > 1 ? (
            <EmptyState title="No events on this page">There are fewer events than this page number needs.</EmptyState>
          ) : (
            <EmptyState title="No events yet">Sign-ins and changes appear here as they happen.</EmptyState>
          )}
          <Pager page={page} pageSize={result.pageSize} total={result.total} href={href} />
        </Card>
      </div>
    </>
  );
}
