// /configuration (administrators): the client defaults and device switches of the Settings page,
// saved by the same function with the same schema.
import { z } from "zod";
import { canEditSettings } from "../../auth/permissions";
import { getConfiguration } from "../../db/configuration";
import { getDb } from "../../server/db";
import { AppError } from "../../server/errors";
import { saveClientSettings } from "../../server/settings";
import { clientSettingsSchema } from "../../validation/settings";
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

export const updateConfigurationPatch = patchOf(clientSettingsSchema.in.shape);

export const configuration = defineResource("/configuration", {
  GET: defineEndpoint(
    { isAdminOnly: true, summary: "Client defaults and device switches", input: noInput, authorize: canEditSettings, success: { status: 200, description: "The configuration (never the server's private key).", schema: configurationSchema } },
    async () => json(presentConfiguration(await loadConfiguration())),
  ),
  PATCH: defineEndpoint(
    {
      isAdminOnly: true,
      summary: "Change client defaults and device switches",
      description: "Only the fields given change; the result is checked like the Settings form (CIDRs, DNS addresses, endpoint, MTU 1280–1500, keepalive 0–120).",
      input: updateConfigurationPatch,
      authorize: canEditSettings,
      success: { status: 200, description: "The configuration after the change.", schema: configurationSchema },
      errors: [409],
    },
    async ({ actor, raw }) => {
      const current = presentConfiguration(await loadConfiguration());
      const { serverPublicKey: _key, listenPort: _port, ipv4Network: _v4, ipv6Network: _v6, updatedAt: _at, ...editable } = current;
      const settings = parseWhole(clientSettingsSchema, { ...editable, defaultClientEndpoint: editable.defaultClientEndpoint ?? "", ...raw });
      return json(presentConfiguration(await saveClientSettings(actor, settings)));
    },
  ),
});
