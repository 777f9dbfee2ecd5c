"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrafficPoint } from "@/lib/metrics/traffic-query";
import { formatRate } from "./format";

function formatTime(ms: number, spanMs: number): string {
  const date = new Date(ms);
  if (spanMs > 2 * 86_400_000) return date.toLocaleDateString(undefined, { weekday: "short", hour: "2-digit", hourCycle: "h23" });
  return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** Received and sent bytes per second over time; gaps (no data) stay gaps. */
export function TrafficChart({ points }: { points: TrafficPoint[] }) {
  const spanMs = (points.at(-1)?.t ?? 0) - (points[0]?.t ?? 0);
  return (
    <div className="h-64 w-full" data-testid="traffic-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(value: number) => formatTime(value, spanMs)}
            stroke="var(--muted)"
            fontSize={12}
            minTickGap={40}
          />
          <YAxis tickFormatter={(value: number) => formatRate(value)} stroke="var(--muted)" fontSize={12} width={84} />
          <Tooltip
            labelFormatter={(value) => new Date(Number(value)).toLocaleString()}
            formatter={(value) => formatRate(typeof value === "number" ? value : null)}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--foreground)" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="rx" name="Received" stroke="var(--chart-rx)" fill="var(--chart-rx)" fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
          <Area type="monotone" dataKey="tx" name="Sent" stroke="var(--chart-tx)" fill="var(--chart-tx)" fillOpacity={0.15} strokeWidth={2} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
