"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { TRAFFIC_RANGES, type TrafficRange } from "@/lib/metrics/traffic-query";
import type { TrafficAnswer, TrafficOverview } from "@/lib/server/traffic";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { fetchJson } from "../ui/fetch-json";
import { Skeleton } from "../ui/skeleton";
import { formatRate } from "./format";
import { TrafficChart } from "./traffic-chart";
import type { Wire } from "./wire";

interface TrafficResponse {
  traffic: TrafficAnswer;
  overview?: Wire<TrafficOverview>;
}

/** Short ranges refresh with the device pages; long ones change slowly. */
function refreshMs(range: TrafficRange): number {
  return TRAFFIC_RANGES[range].seconds <= 3600 ? 10_000 : 60_000;
}

function RangePicker({ value, onChange }: { value: TrafficRange; onChange: (range: TrafficRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-lg border border-border p-0.5">
      {(Object.keys(TRAFFIC_RANGES) as TrafficRange[]).map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={range === value}
          onClick={() => onChange(range)}
          className={cn("rounded-md px-2.5 py-1 text-xs font-medium", range === value ? "bg-accent text-accent-foreground" : "text-muted hover:bg-surface-muted")}
        >
          {TRAFFIC_RANGES[range].label}
        </button>
      ))}
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface-muted/50 px-4 py-3">
      <div className="text-xs uppercase tracking-wide text-muted">{label}</div>
      <div className="mt-1 text-lg font-semibold tabular-nums">{value}</div>
    </div>
  );
}

function Overview({ overview }: { overview: Wire<TrafficOverview> }) {
  return (
    <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-3">
      <Stat label="Peers online now" value={`${overview.peersOnline} of ${overview.devices}`} />
      <Stat label="Receiving now" value={formatRate(overview.rxBytesPerSecond)} />
      <Stat label="Sending now" value={formatRate(overview.txBytesPerSecond)} />
    </div>
  );
}

/** A traffic card: range picker and chart from `endpoint` (a device's or everyone's), refreshed live. */
export function TrafficPanel({ endpoint, title, description }: { endpoint: string; title: string; description?: string }) {
  const [range, setRange] = useState<TrafficRange>("1h");
  const query = useQuery({
    queryKey: ["traffic", endpoint, range],
    queryFn: ({ signal }) => fetchJson<TrafficResponse>(`${endpoint}?range=${range}`, signal),
    refetchInterval: refreshMs(range),
    placeholderData: keepPreviousData,
  });
  const traffic = query.data?.traffic;
  const hasData = traffic?.available && traffic.points.some((point) => point.rx !== null || point.tx !== null);
  return (
    <Card title={title} description={description} actions={traffic?.available !== false && <RangePicker value={range} onChange={setRange} />}>
      {query.data?.overview && <Overview overview={query.data.overview} />}
      {query.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : query.isError && !traffic ? (
        <Alert tone="error">{query.error.message}</Alert>
      ) : traffic && !traffic.available ? (
        <p className="text-sm text-muted">{traffic.reason} Until then, the last-known totals and rates are shown instead of a chart.</p>
      ) : hasData ? (
        <>
          {query.isError && <Alert tone="error">{query.error.message} Showing the last answer.</Alert>}
          <TrafficChart points={traffic.points} />
        </>
      ) : (
        <p className="py-10 text-center text-sm text-muted">No traffic recorded in the last {TRAFFIC_RANGES[range].label}.</p>
      )}
    </Card>
  );
}
