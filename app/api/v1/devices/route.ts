import { z } from "zod";
import { isSignedIn } from "@/lib/auth/permissions";
import { createDeviceSchema } from "@/lib/devices/schemas";
import { createDeviceAs, listAllDevices, listMyDevices } from "@/lib/server/devices";
import { defineRoute } from "@/lib/server/route";

const listQuery = z.object({
  /** Admins: "all" for every user's devices, or a user id. */
  user: z.union([z.literal("all"), z.uuid({ message: "must be a user id or all" })]).optional(),
});

export const GET = defineRoute({ input: listQuery, authorize: isSignedIn }, async ({ actor, input }) => {
  const devices = input.user ? await listAllDevices(actor, { userId: input.user === "all" ? undefined : input.user }) : await listMyDevices(actor);
  return Response.json({ devices });
});

/** Answers the configuration with the private key once; it is not stored and cannot be fetched again. */
export const POST = defineRoute({ input: createDeviceSchema, authorize: isSignedIn }, async ({ actor, input }) => {
  const { qrSvg: _qr, ...created } = await createDeviceAs(actor, input);
  return Response.json(created, { status: 201 });
});
