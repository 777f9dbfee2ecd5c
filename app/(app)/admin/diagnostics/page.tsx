import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { AuditEventsTable } from "@/components/admin/audit-events-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DefinitionRows } from "@/components/ui/definition-rows";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canViewDiagnostics } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { ago } from "@/lib/metrics/stats-health";
import { runDiagnostics, type CollectorHealth, type Diagnostics, type WireguardStatus } from "@/lib/server/diagnostics";
import { requirePermission } from "@/lib/server/session";

export const metadata: Metadata = { title: "Diagnostics" };

const tone = { ok: "success", warning: "warning", error: "danger" } as const;
const statusLabel = { ok: "OK", warning: "Warning", error: "Error" } as const;

const when = (date: Date | null, now: number) => (date ? <span className="break-normal">{`${ago(date, now)} · ${formatDateTime(date)}`}</span> : "Never");

/** The card's title with its state beside it, whatever the description's length. */
const titled = (title: string, badge: ReactNode) => (
  <span className="flex flex-wrap items-center gap-2">
    {title}
    {badge}
  </span>
);
const count = (value: number | null) => (value === null ? <span className="text-muted">no stats cycle yet</span> : value);

function WireguardCard({ wireguard, isFresh }: { wireguard: WireguardStatus; isFresh: boolean }) {
  const differs = wireguard.peersOnInterface !== null && wireguard.peersOnInterface !== wireguard.peersConfigured;
  return (
    <Card title={titled("WireGuard interface", isFresh ? <Badge tone="success">Up</Badge> : <Badge tone="warning">No recent data</Badge>)} description="From the configuration and the stats loop's last cycle.">
      <DefinitionRows
        rows={[
          ["Interface", <code key="i">{wireguard.interfaceName}</code>],
          ["Listen port", wireguard.listenPort ?? "not set up"],
          ["Public key", wireguard.publicKey ? <code key="k" className="text-xs">{wireguard.publicKey}</code> : "not generated"],
          ["Peers configured", wireguard.peersConfigured],
          ["Peers on the interface", count(wireguard.peersOnInterface)],
          ["Peers online", count(wireguard.peersOnline)],
        ]}
      />
      {differs && <p className="mt-3 text-xs text-muted">Configured and applied peers differ until the collector&apos;s next pass (devices of disabled users are not peers).</p>}
    </Card>
  );
}

function collectorBadge(collector: CollectorHealth) {
  if (!collector.status?.lastCycleAt) return <Badge tone="danger">Not started</Badge>;
  if (collector.isStale) return <Badge tone="danger">Stale</Badge>;
  if (collector.status.lastErrorAt && collector.status.lastErrorAt > collector.status.lastCycleAt) return <Badge tone="warning">Failing</Badge>;
  return <Badge tone="success">Running</Badge>;
}

function CollectorCard({ collector, now }: { collector: CollectorHealth; now: number }) {
  const status = collector.status;
  return (
    <Card
      title={titled("Collector", collectorBadge(collector))}
      description={collector.metricsEnabled ? "The sidecar that applies peers and polls stats (WG_METRICS_ENABLED=true)." : "Stats come from the web app's own 60 s loop (WG_METRICS_ENABLED=false)."}
    >
      <DefinitionRows
        rows={[
          ["Runs in", status ? (status.source === "collector" ? "the collector" : "the web app") : "—"],
          ["Last cycle", when(status?.lastCycleAt ?? null, now)],
          ["Cycle duration", status?.lastCycleDurationMs != null ? `${status.lastCycleDurationMs} ms` : "—"],
          ["Poll interval", status ? `${status.pollIntervalSeconds} s (stale after 3 missed)` : "—"],
          ["Last error", status?.lastError ? <span key="e" className="text-danger">{`${status.lastErrorAt ? `${formatDateTime(status.lastErrorAt)}: ` : ""}${status.lastError}`}</span> : "None"],
          ["Last VictoriaMetrics push", when(status?.lastPushAt ?? null, now)],
          ["Last push error", status?.lastPushError ? <span key="p" className="text-danger">{status.lastPushError}</span> : "None"],
          ["Buffered pushes", status?.bufferedPushes ?? 0],
        ]}
      />
    </Card>
  );
}

function DatabaseCard({ database }: { database: Diagnostics["database"] }) {
  return (
    <Card title={titled("Database", database.reachable ? <Badge tone="success">Reachable</Badge> : <Badge tone="danger">Unreachable</Badge>)} description="PostgreSQL, through the web app's own connection.">
      <DefinitionRows
        rows={
          database.reachable
            ? [
                ["Round trip", `${database.latencyMs} ms`],
                ["Newest migration", database.latestMigration ? <code key="m" className="text-xs">{database.latestMigration}</code> : "none applied"],
              ]
            : [["Error", <span key="e" className="text-danger">{database.reason}</span>]]
        }
      />
    </Card>
  );
}

function VictoriaMetricsCard({ check }: { check: Diagnostics["victoriaMetrics"] }) {
  const badge =
    check.state === "reachable" ? <Badge tone="success">Reachable</Badge> : check.state === "unreachable" ? <Badge tone="danger">Unreachable</Badge> : <Badge>Not configured</Badge>;
  return (
    <Card title={titled("VictoriaMetrics", badge)} description="GET /health on WG_VICTORIAMETRICS_URL, 2 s timeout.">
      {check.state === "not_configured" ? (
        <p className="text-sm text-muted">WG_VICTORIAMETRICS_URL is not set: devices show stats and rates but no traffic charts.</p>
      ) : (
        <DefinitionRows
          rows={[
            ["Address", <code key="u" className="text-xs">{check.url}</code>],
            check.state === "reachable" ? ["Response time", `${check.latencyMs} ms`] : ["Error", <span key="e" className="text-danger">{`${check.reason} (after ${check.latencyMs} ms)`}</span>],
          ]}
        />
      )}
    </Card>
  );
}

export default async function AdminDiagnosticsPage() {
  const actor = await requirePermission(canViewDiagnostics);
  const diagnostics = await runDiagnostics(actor);
  const { checks, wireguard, collector, recentEvents, checkedAt: now } = diagnostics;
  return (
    <>
      <PageHeader title="Diagnostics" description="Checks run when this page loads. Only this server's own services are contacted." />
      <div className="space-y-6">
        <Card title="Summary">
          <ul className="-mx-5 -my-4 divide-y divide-border">
            {checks.map((check) => (
              <li key={check.name} className="flex items-center justify-between gap-3 px-5 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{check.name}</p>
                  {/* Keys and URLs may break anywhere; sentences still break between words. */}
                  <p className="wrap-anywhere text-muted">{check.detail}</p>
                </div>
                <span className="shrink-0">
                  <Badge tone={tone[check.status]}>{statusLabel[check.status]}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
          {wireguard && collector && <WireguardCard wireguard={wireguard} isFresh={!collector.isStale} />}
          {collector && <CollectorCard collector={collector} now={now} />}
          <DatabaseCard database={diagnostics.database} />
          <VictoriaMetricsCard check={diagnostics.victoriaMetrics} />
        </div>
        {recentEvents && (
          <Card
            title="Recent audit events"
            description="The last 10."
            actions={
              <Link href="/admin/audit" className="text-sm font-medium text-accent hover:underline">
                Open the audit log →
              </Link>
            }
          >
            {recentEvents.length ? <AuditEventsTable events={recentEvents} compact /> : <EmptyState title="No events yet">Sign-ins and changes appear here as they happen.</EmptyState>}
          </Card>
        )}
      </div>
    </>
  );
}
