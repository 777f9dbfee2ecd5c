import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canViewDiagnostics } from "@/lib/auth/permissions";
import { runDiagnostics } from "@/lib/server/diagnostics";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Diagnostics" };

const tone = { ok: "success", warning: "warning", error: "danger" } as const;

export default async function AdminDiagnosticsPage() {
  const actor = await requirePermission(canViewDiagnostics);
  const checks = await runDiagnostics(actor);
  return (
    <>
      <PageHeader title="Diagnostics" description="Checks run when this page loads." />
      <Card>
        <ul className="-mx-5 -my-4 divide-y divide-border">
          {checks.map((check) => (
            <li key={check.name} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium">{check.name}</p>
                <p className="break-all text-muted">{check.detail}</p>
              </div>
              <Badge tone={tone[check.status]}>{check.status === "ok" ? "OK" : check.status === "warning" ? "Warning" : "Error"}</Badge>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
