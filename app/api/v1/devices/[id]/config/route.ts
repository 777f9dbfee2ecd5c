import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { getDeviceConfig } from "@/lib/server/devices";
import { defineRoute } from "@/lib/server/route";

/** The stored configuration as a .conf download (without the private key, which is never stored). */
export const GET = defineRoute({ input: z.object({}), authorize: isSignedIn }, async ({ actor, params }) => {
  const { config, fileName } = await getDeviceConfig(actor, String(params.id));
  return new Response(config, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
  });
});
