// Device input, shared by the forms' server actions and the REST API. Overrides are validated only
// where "use default" is off; where it is on, the override is cleared.
import { z } from "zod";
import { wireguardKeySchema } from "../wireguard/keys";
import {
  ALLOWED_IPS_MAX_ENTRIES,
  DEVICE_DESCRIPTION_MAX_LENGTH,
  DEVICE_NAME_MAX_LENGTH,
  DNS_MAX_ENTRIES,
  tooLong,
} from "../validation/limits";
import { emailSchema } from "../validation/account";
import { allowedIpsProblem, dnsProblem, endpointSchema, listField } from "../validation/network";

export { ALLOWED_IPS_MAX_ENTRIES, DNS_MAX_ENTRIES };
export const MTU_MIN = 576;
export const MTU_MAX = 1500;
export const IPV6_MTU_MIN = 1280;
export const KEEPALIVE_MAX = 120;

/** A whole number from JSON or a form field; blank means "not given". */
export const optionalInteger = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return null;
    const number = typeof value === "number" ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number)) {
      ctx.addIssue({ code: "custom", message: "must be a whole number" });
      return z.NEVER;
    }
    return number;
  });

export const deviceSettingsSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(DEVICE_NAME_MAX_LENGTH, tooLong(DEVICE_NAME_MAX_LENGTH)),
    description: z.string().trim().max(DEVICE_DESCRIPTION_MAX_LENGTH, tooLong(DEVICE_DESCRIPTION_MAX_LENGTH)).default(""),
    useDefaultAllowedIps: z.boolean().default(true),
    allowedIps: listField,
    useDefaultDns: z.boolean().default(true),
    dns: listField,
    useDefaultEndpoint: z.boolean().default(true),
    endpoint: z.string().trim().nullish(),
    useDefaultMtu: z.boolean().default(true),
    mtu: optionalInteger,
    useDefaultPersistentKeepalive: z.boolean().default(true),
    persistentKeepalive: optionalInteger,
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    // Lists are checked (and capped) only where they are used: "use default" clears them.
    if (!value.useDefaultAllowedIps) {
      const problem = value.allowedIps.length === 0 ? "needs at least one CIDR, or use the default" : allowedIpsProblem(value.allowedIps);
      if (problem) issue("allowedIps", problem);
    }
    const dnsListProblem = value.useDefaultDns ? null : dnsProblem(value.dns);
    if (dnsListProblem) issue("dns", dnsListProblem);
    const endpointProblem = value.useDefaultEndpoint ? undefined : endpointSchema.safeParse(value.endpoint ?? "").error?.issues[0]?.message;
    if (endpointProblem) issue("endpoint", endpointProblem);
    if (!value.useDefaultMtu && (value.mtu === null || value.mtu < MTU_MIN || value.mtu > MTU_MAX)) {
      issue("mtu", `must be from ${MTU_MIN} to ${MTU_MAX}`);
    }
    if (!value.useDefaultPersistentKeepalive && (value.persistentKeepalive === null || value.persistentKeepalive < 0 || value.persistentKeepalive > KEEPALIVE_MAX)) {
      issue("persistentKeepalive", `must be from 0 to ${KEEPALIVE_MAX} seconds (0 turns it off)`);
    }
  })
  .transform((value) => ({
    ...value,
    allowedIps: value.useDefaultAllowedIps ? [] : value.allowedIps,
    dns: value.useDefaultDns ? [] : value.dns,
    endpoint: value.useDefaultEndpoint ? null : (value.endpoint ?? null),
    mtu: value.useDefaultMtu ? null : value.mtu,
    persistentKeepalive: value.useDefaultPersistentKeepalive ? null : value.persistentKeepalive,
  }));

export type DeviceSettings = z.output<typeof deviceSettingsSchema>;

export const createDeviceSchema = z.object({
  /** Admins may create a device for another user; everyone else for themselves. */
  userId: z.uuid({ message: "must be a user id" }).optional(),
  /** Bring your own key: the server then never sees the private key. */
  publicKey: wireguardKeySchema.optional(),
  settings: deviceSettingsSchema,
  /** Administrators: add the device even though its owner has reached the device limit. */
  exceedDeviceLimit: z.boolean({ message: "must be true or false" }).optional(),
});

/** The "Add device" form: administrators name the owner by email (the page lists no users). */
export const createDeviceFormSchema = createDeviceSchema.extend({ ownerEmail: emailSchema.optional() });

export const updateDeviceSchema = z.object({ id: z.uuid({ message: "must be a device id" }), settings: deviceSettingsSchema });
export const deviceIdSchema = z.object({ id: z.uuid({ message: "must be a device id" }) });

/** True when any of the five settings differs from the defaults (needs the "configure" permission). */
export function hasOverrides(settings: DeviceSettings): boolean {
  return !(settings.useDefaultAllowedIps && settings.useDefaultDns && settings.useDefaultEndpoint && settings.useDefaultMtu && settings.useDefaultPersistentKeepalive);
}
