import { isDatabaseReachable } from "@/lib/db/health";
import { getDb } from "@/lib/server/db";

// Public on purpose (load balancers and compose health checks call it); it reveals nothing but up/down.
export const dynamic = "force-dynamic";

export async function GET() {
  if (await isDatabaseReachable(getDb())) return Response.json({ status: "ok" });
  return Response.json({ status: "error", error: "database unreachable" }, { status: 503 });
}
