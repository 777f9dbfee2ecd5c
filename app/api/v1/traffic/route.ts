import { z } from "zod";
import { canManageAllDevices } from "@/lib/auth/permissions";
import { trafficRangeSchema } from "@/lib/metrics/traffic-query";
import { AppError } from "@/lib/server/errors";
import { defineRoute } from "@/lib/server/route";
import { getTotalTraffic, getTrafficOverview, type TrafficAnswer } from "@/lib/server/traffic";

/** Admins: every peer's traffic summed (?range=15m|1h|24h|7d), with who is online now. */
export const GET = defineRoute({ input: z.object({ range: trafficRangeSchema.default("1h") }), authorize: canManageAllDevices }, async ({ actor, input }) => {
  // The overview comes from PostgreSQL: it stays when VictoriaMetrics does not answer.
  const chart = getTotalTraffic(actor, input.range).catch((error: unknown): TrafficAnswer => {
    if (error instanceof AppError && error.status === 502) return { available: false, reason: error.message };
    throw error;
  });
  const [traffic, overview] = await Promise.all([chart, getTrafficOverview(actor)]);
  return Response.json({ overview, traffic });
});
