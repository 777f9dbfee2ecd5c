import { canManageAllDevices, isSignedIn } from "@/lib/auth/permissions";
import { deviceListQuerySchema, resolveDeviceListParams } from "@/lib/devices/list-params";
import { createDeviceSchema } from "@/lib/devices/schemas";
import { createDeviceAs, listDevicesForAdmin, listMyDevices } from "@/lib/server/devices";
import { ValidationError } from "@/lib/server/errors";
import { conditionalJson } from "@/lib/server/http";
import { defineRoute } from "@/lib/server/route";

const LIST_PARAMETERS = ["page", "per_page", "sort", "dir", "q"] as const;

/**
 * Without `user`: your own devices, all of them (`{ devices }`). With `user=all` or `user=<id>`
 * (administrators): one page of the admin list, `{ devices, total, page, perPage, sort, dir, q,
 * userId, owner, etag }`, with a strong ETag; If-None-Match with it answers 304 while the page shows
 * the same. The admin Devices page refreshes with this every 10 s (README, "Devices").
 */
export const GET = defineRoute(
  { input: deviceListQuerySchema, authorize: (actor, input) => input.user === undefined || canManageAllDevices(actor) },
  async ({ actor, input, request }) => {
    if (input.user === undefined) {
      const given = LIST_PARAMETERS.find((name) => input[name] !== undefined);
      if (given) throw new ValidationError(`${given}: only the admin list (user=all or user=<id>) pages, sorts and searches`, { [given]: "needs user=all or user=<id>" });
      return Response.json({ devices: await listMyDevices(actor) });
    }
    const page = await listDevicesForAdmin(actor, resolveDeviceListParams(input));
    return conditionalJson(request, page, page.etag);
  },
);

/** Answers the configuration with the private key once; it is not stored and cannot be fetched again. */
export const POST = defineRoute({ input: createDeviceSchema, authorize: isSignedIn }, async ({ actor, input }) => {
  const { qrSvg: _qr, ...created } = await createDeviceAs(actor, input);
  return Response.json(created, { status: 201 });
});
