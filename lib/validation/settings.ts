// Admin settings: client defaults (General tab) and security settings (Security tab).
import { z } from "zod";
import { AUDIT_RETENTION_MAX_DAYS } from "../audit/retention-days";
import { vpnSessionDurationSchema } from "../users/vpn-session";
import { IPV6_MTU_MIN, KEEPALIVE_MAX, MTU_MAX, optionalInteger } from "../devices/schemas";
import { MAX_DEVICES_PER_USER_RANGE } from "./limits";
import { allowedIpsProblem, dnsProblem, endpointSchema, listField } from "./network";

export const clientSettingsSchema = z
  .object({
    defaultClientAllowedIps: listField,
    defaultClientDns: listField,
    defaultClientEndpoint: endpointSchema,
    defaultClientMtu: optionalInteger,
    defaultClientPersistentKeepalive: optionalInteger,
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const allowedProblem = value.defaultClientAllowedIps.length === 0 ? "needs at least one CIDR" : allowedIpsProblem(value.defaultClientAllowedIps);
    if (allowedProblem) issue("defaultClientAllowedIps", allowedProblem);
    const dnsListProblem = dnsProblem(value.defaultClientDns);
    if (dnsListProblem) issue("defaultClientDns", dnsListProblem);
    // Every device gets an IPv6 address, and IPv6 needs at least 1280.
    const mtu = value.defaultClientMtu;
    if (mtu === null || mtu < IPV6_MTU_MIN || mtu > MTU_MAX) issue("defaultClientMtu", `must be from ${IPV6_MTU_MIN} to ${MTU_MAX} (devices have IPv6 addresses)`);
    const keepalive = value.defaultClientPersistentKeepalive;
    if (keepalive === null || keepalive < 0 || keepalive > KEEPALIVE_MAX) issue("defaultClientPersistentKeepalive", `must be from 0 to ${KEEPALIVE_MAX} seconds (0 turns it off)`);
  })
  .transform((value) => ({ ...value, defaultClientMtu: value.defaultClientMtu ?? 0, defaultClientPersistentKeepalive: value.defaultClientPersistentKeepalive ?? 0 }));

export type ClientSettings = z.output<typeof clientSettingsSchema>;

const retentionMessage = `must be a whole number of days from 1 to ${AUDIT_RETENTION_MAX_DAYS}`;
export const auditRetentionDaysSchema = z.number({ error: retentionMessage }).int(retentionMessage).min(1, retentionMessage).max(AUDIT_RETENTION_MAX_DAYS, retentionMessage);
const { min, max } = MAX_DEVICES_PER_USER_RANGE;
/** Devices each unprivileged user may own. */
export const maxDevicesPerUserSchema = z
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .min(min, `must be from ${min} to ${max}`)
  .max(max, `must be from ${min} to ${max}`);

const switchField = z.boolean({ error: "must be true or false" });

/** Each Security card saves its own fields; what is left out stays as it is. */
export const securitySettingsSchema = z
  .object({
    vpnSessionDuration: vpnSessionDurationSchema,
    allowUnprivilegedDeviceManagement: switchField,
    allowUnprivilegedDeviceConfiguration: switchField,
    allowPeerToPeer: switchField,
    allowServerNetworksToClients: switchField,
    auditRetentionDays: auditRetentionDaysSchema,
    maxDevicesPerUser: maxDevicesPerUserSchema,
  })
  .partial()
  .refine((value) => Object.values(value).some((field) => field !== undefined), { message: "has no setting to save" });

export type SecuritySettingsInput = z.output<typeof securitySettingsSchema>;
