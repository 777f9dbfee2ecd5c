import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { trafficRangeSchema } from "@/lib/metrics/traffic-query";
import { defineRoute } from "@/lib/server/route";
import { getDeviceTraffic } from "@/lib/server/traffic";

/** Received and sent bytes per second of one device, for its chart (?range=15m|1h|24h|7d). */
export const GET = defineRoute({ input: z.object({ range: trafficRangeSchema.default("1h") }), authorize: isSignedIn }, async ({ actor, input, params }) =>
  Response.json({ traffic: await getDeviceTraffic(actor, String(params.id), input.range) }),
);
