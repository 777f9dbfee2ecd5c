// /devices and /devices/{id}: the device service of the pages (lib/server/devices.ts), so
// ownership (another user's device is 404), the two device switches and audit entries are theirs.
import { z } from "zod";
import { isSignedIn } from "../../auth/permissions";
import { createDeviceSchema, deviceSettingsSchema, type DeviceSettings } from "../../devices/schemas";
import { createDeviceAs, deleteDeviceAs, getDevice, listDevicesPageFor, updateDeviceAs, type PresentedDevice } from "../../server/devices";
import { defineEndpoint, defineResource, json } from "../endpoint";
import { listEnvelope, listResponse, noInput, pagingQuery, parseWhole, patchOf, timestamp } from "../schemas";

const stringList = z.array(z.string());

export const deviceSchema = z.strictObject({
  id: z.uuid(),
  userId: z.uuid(),
  userEmail: z.string(),
  name: z.string(),
  description: z.string(),
  publicKey: z.string(),
  ipv4: z.string().nullable(),
  ipv6: z.string().nullable(),
  useDefaultAllowedIps: z.boolean(),
  allowedIps: stringList,
  useDefaultDns: z.boolean(),
  dns: stringList,
  useDefaultEndpoint: z.boolean(),
  endpoint: z.string().nullable(),
  useDefaultMtu: z.boolean(),
  mtu: z.number().int().nullable(),
  useDefaultPersistentKeepalive: z.boolean(),
  persistentKeepalive: z.number().int().nullable(),
  effective: z
    .strictObject({ allowedIps: stringList, dns: stringList, endpoint: z.string(), mtu: z.number().int(), persistentKeepalive: z.number().int() })
    .nullable()
    .describe("What the client configuration uses: the device's own value or the server-wide default."),
  rxBytes: z.string().describe("Bytes received by the server from this peer (a decimal 64-bit counter)."),
  txBytes: z.string().describe("Bytes sent to this peer (a decimal 64-bit counter)."),
  rxBytesPerSecond: z.number().nullable().describe("Null when unknown or when stats are not fresh."),
  txBytesPerSecond: z.number().nullable(),
  latestHandshakeAt: timestamp.nullable(),
  remoteEndpoint: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export function presentDevice(device: PresentedDevice): z.output<typeof deviceSchema> {
  return {
    id: device.id,
    userId: device.userId,
    userEmail: device.user.email,
    name: device.name,
    description: device.description,
    publicKey: device.publicKey,
    ipv4: device.ipv4,
    ipv6: device.ipv6,
    useDefaultAllowedIps: device.useDefaultAllowedIps,
    allowedIps: device.allowedIps,
    useDefaultDns: device.useDefaultDns,
    dns: device.dns,
    useDefaultEndpoint: device.useDefaultEndpoint,
    endpoint: device.endpoint,
    useDefaultMtu: device.useDefaultMtu,
    mtu: device.mtu,
    useDefaultPersistentKeepalive: device.useDefaultPersistentKeepalive,
    persistentKeepalive: device.persistentKeepalive,
    effective: device.effective,
    rxBytes: device.rxBytes,
    txBytes: device.txBytes,
    rxBytesPerSecond: device.rxBytesPerSecond,
    txBytesPerSecond: device.txBytesPerSecond,
    latestHandshakeAt: device.latestHandshakeAt?.toISOString() ?? null,
    remoteEndpoint: device.remoteEndpoint,
    createdAt: device.createdAt.toISOString(),
    updatedAt: device.updatedAt.toISOString(),
  };
}

export const createdDeviceSchema = z.strictObject({
  device: deviceSchema,
  config: z.string().describe("The client configuration (.conf). With the private key when the server generated it: this is the only time it is shown."),
  hasPrivateKey: z.boolean(),
  fileName: z.string(),
});

export const listDevicesQuery = pagingQuery.extend({
  user_id: z.uuid({ message: "must be a user id" }).optional().describe("Administrators: only this user's devices. Others may pass only their own id."),
});

export const updateDevicePatch = patchOf(deviceSettingsSchema.in.shape);

function settingsOf(device: PresentedDevice): Record<keyof DeviceSettings, unknown> {
  const { name, description, useDefaultAllowedIps, allowedIps, useDefaultDns, dns, useDefaultEndpoint, endpoint, useDefaultMtu, mtu, useDefaultPersistentKeepalive, persistentKeepalive } = device;
  return { name, description, useDefaultAllowedIps, allowedIps, useDefaultDns, dns, useDefaultEndpoint, endpoint, useDefaultMtu, mtu, useDefaultPersistentKeepalive, persistentKeepalive };
}

export const devices = defineResource("/devices", {
  GET: defineEndpoint(
    {
      summary: "List devices",
      description: "Your own devices; administrators get everyone's, or one user's with `user_id`.",
      input: listDevicesQuery,
      authorize: isSignedIn,
      success: { status: 200, description: "One page of devices, by owner email then name.", schema: listEnvelope(deviceSchema) },
      errors: [403],
    },
    async ({ actor, input }) => {
      const { devices, total } = await listDevicesPageFor(actor, { userId: input.user_id, page: input.page, perPage: input.per_page });
      return json(listResponse(devices.map(presentDevice), { page: input.page, perPage: input.per_page, total }));
    },
  ),
  POST: defineEndpoint(
    {
      summary: "Create a device",
      description:
        "Administrators may pass `userId` to create one for someone else. Without `publicKey` the server generates the keypair and answers the configuration with the private key, once: it is not stored. Users need the device-management switch, and the configuration switch for any setting away from its default (403). An owner who already has as many devices as the limit allows (Settings → Security → Limits; administrators are exempt) gets 409 `You have reached the limit of N devices.`; administrators creating a device for such a user get 409 too, unless they pass `exceedDeviceLimit: true` (others: 403).",
      input: createDeviceSchema,
      authorize: isSignedIn,
      success: { status: 201, description: "The device and its one-time configuration.", schema: createdDeviceSchema },
      errors: [403, 409],
    },
    async ({ actor, input }) => {
      const { device, config, hasPrivateKey, fileName } = await createDeviceAs(actor, input);
      return json({ device: presentDevice(device), config, hasPrivateKey, fileName }, 201);
    },
  ),
});

export const device = defineResource("/devices/{id}", {
  GET: defineEndpoint(
    { summary: "One device", description: "Another user's device is 404 unless you are an administrator.", input: noInput, authorize: isSignedIn, success: { status: 200, description: "The device (never its private key).", schema: deviceSchema }, errors: [404] },
    async ({ actor, params }) => json(presentDevice(await getDevice(actor, params.id!))),
  ),
  PATCH: defineEndpoint(
    {
      summary: "Change a device's settings",
      description: "Only the fields given change; the result is checked like the device form (name unique per user, MTU, CIDRs, DNS, endpoint, keepalive).",
      input: updateDevicePatch,
      authorize: isSignedIn,
      success: { status: 200, description: "The device after the change.", schema: deviceSchema },
      errors: [403, 404, 409],
    },
    async ({ actor, raw, params }) => {
      const current = await getDevice(actor, params.id!);
      const settings = parseWhole(deviceSettingsSchema, { ...settingsOf(current), ...raw });
      return json(presentDevice(await updateDeviceAs(actor, { id: current.id, settings })));
    },
  ),
  DELETE: defineEndpoint(
    { summary: "Delete a device", description: "The collector removes the peer at once.", input: noInput, authorize: isSignedIn, success: { status: 204, description: "Deleted." }, errors: [403, 404] },
    async ({ actor, params }) => {
      await deleteDeviceAs(actor, params.id!);
      return new Response(null, { status: 204 });
    },
  ),
});
