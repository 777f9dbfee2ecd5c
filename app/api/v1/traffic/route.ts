import { z } from "zod";
import { canManageAllDevices } from "@/lib/auth/permissions";
import { trafficRangeSchema } from "@/lib/metrics/traffic-query";
import { defineRoute } from "@/lib/server/route";
import { getTotalTraffic, getTrafficOverview } from "@/lib/server/traffic";

/** Admins: every peer's traffic summed (?range=15m|1h|24h|7d), with who is online now. */
export const GET = defineRoute({ input: z.object({ range: trafficRangeSchema.default("1h") }), authorize: canManageAllDevices }, async ({ actor, input }) => {
  const [traffic, overview] = await Promise.all([getTotalTraffic(actor, input.range), getTrafficOverview(actor)]);
  return Response.json({ overview, traffic });
});
