// /configuration (administrators): the client defaults (Settings → General) and the device
// switches, client isolation and VPN session duration (Settings → Security), each saved by its
// page's function with its page's schema.
import { z } from "zod";
import { canEditSettings } from "../../auth/permissions";
import { getConfiguration } from "../../db/configuration";
import { updateSecuritySettings } from "../../settings/security-settings";
import { getDb } from "../../server/db";
import { AppError } from "../../server/errors";
import { saveClientSettings } from "../../server/settings";
import { clientSettingsSchema, securitySettingsSchema } from "../../validation/settings";
import { defineEndpoint, defineResource, json } from "../endpoint";
import { noInput, parseWhole, patchOf, timestamp } from "../schemas";

export const configurationSchema = z.strictObject({
  defaultClientAllowedIps: z.array(z.string()),
  defaultClientDns: z.array(z.string()),
  defaultClientEndpoint: z.string().nullable(),
  defaultClientMtu: z.number().int(),
  defaultClientPersistentKeepalive: z.number().int(),
  allowUnprivilegedDeviceManagement: z.boolean().describe("Users may add, edit and delete their own devices."),
  allowUnprivilegedDeviceConfiguration: z.boolean().describe("Users may change their devices' connection settings."),
  allowPeerToPeer: z.boolean().describe("VPN clients may reach each other through the server (off: the collector drops client-to-client traffic)."),
  allowServerNetworksToClients: z.boolean().describe("Hosts on networks behind the server may open connections to VPN clients (replies to the clients' own connections always pass)."),
  vpnSessionDuration: z.number().int().nullable().describe("Seconds a VPN session lasts after signing in; null: never expires."),
  auditRetentionDays: z.number().int().describe("Days audit events are kept (1–3650); the daily prune deletes older ones."),
  maxDevicesPerUser: z.number().int().describe("Devices each user may own (1–1000); administrators are exempt."),
  serverPublicKey: z.string().nullable().describe("Read-only."),
  listenPort: z.number().int().describe("Read-only."),
  ipv4Network: z.string().describe("Read-only."),
  ipv6Network: z.string().describe("Read-only."),
  updatedAt: timestamp,
});

type ConfigurationRow = NonNullable<Awaited<ReturnType<typeof getConfiguration>>>;

function presentConfiguration(row: ConfigurationRow): z.output<typeof configurationSchema> {
  return {
    defaultClientAllowedIps: row.defaultClientAllowedIps,
    defaultClientDns: row.defaultClientDns,
    defaultClientEndpoint: row.defaultClientEndpoint,
    defaultClientMtu: row.defaultClientMtu,
    defaultClientPersistentKeepalive: row.defaultClientPersistentKeepalive,
    allowUnprivilegedDeviceManagement: row.allowUnprivilegedDeviceManagement,
    allowUnprivilegedDeviceConfiguration: row.allowUnprivilegedDeviceConfiguration,
    allowPeerToPeer: row.allowPeerToPeer,
    allowServerNetworksToClients: row.allowServerNetworksToClients,
    vpnSessionDuration: row.vpnSessionDuration,
    auditRetentionDays: row.auditRetentionDays,
    maxDevicesPerUser: row.maxDevicesPerUser,
    serverPublicKey: row.serverPublicKey,
    listenPort: row.listenPort,
    ipv4Network: row.ipv4Network,
    ipv6Network: row.ipv6Network,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function loadConfiguration(): Promise<ConfigurationRow> {
  const row = await getConfiguration(getDb());
  if (!row) throw new AppError("WireGUI is not set up yet: run `npm run setup` first.", 409);
  return row;
}

const securityFields = Object.keys(securitySettingsSchema.shape) as Array<keyof z.output<typeof securitySettingsSchema>>;
export const updateConfigurationPatch = patchOf({ ...clientSettingsSchema.in.shape, ...securitySettingsSchema.shape });

function pick(raw: Record<string, unknown>, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => keys.includes(key)));
}

export const configuration = defineResource("/configuration", {
  GET: defineEndpoint(
    { isAdminOnly: true, summary: "Client defaults, device switches, client isolation, VPN session duration and device limit", input: noInput, authorize: canEditSettings, success: { status: 200, description: "The configuration (never the server's private key).", schema: configurationSchema } },
    async () => json(presentConfiguration(await loadConfiguration())),
  ),
  PATCH: defineEndpoint(
    {
      isAdminOnly: true,
      summary: "Change client defaults, device switches, client isolation, the VPN session duration, the device limit and the audit retention",
      description:
        "Only the fields given change; they are checked like the Settings forms (at most 64 CIDRs, at most 8 DNS addresses, endpoint, MTU 1280–1500, keepalive 0–120, a session duration from the list, a device limit of 1–1000, an audit retention of 1–3650 days).",
      input: updateConfigurationPatch,
      authorize: canEditSettings,
      success: { status: 200, description: "The configuration after the change.", schema: configurationSchema },
      errors: [409],
    },
    async ({ actor, raw }) => {
      const current = presentConfiguration(await loadConfiguration());
      const clientFields = Object.keys(clientSettingsSchema.in.shape);
      const clientChanges = pick(raw, clientFields);
      const securityChanges = pick(raw, securityFields);
      // Both parts are checked before either is saved: a refused field writes nothing.
      const client = Object.keys(clientChanges).length
        ? parseWhole(clientSettingsSchema, { ...pick(current, clientFields), defaultClientEndpoint: current.defaultClientEndpoint ?? "", ...clientChanges })
        : null;
      const security = Object.keys(securityChanges).length ? parseWhole(securitySettingsSchema, securityChanges) : null;
      if (client) await saveClientSettings(actor, client);
      if (security) await updateSecuritySettings(getDb(), actor, security);
      return json(presentConfiguration(await loadConfiguration()));
    },
  ),
});
