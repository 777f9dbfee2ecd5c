import "server-only";
import { auditDetails } from "../api-tokens/audit-details";
import { canEditSettings, canViewAdminPages } from "../auth/permissions";
import { recordAuditEvent } from "../db/audit";
import { getConfiguration, updateConfiguration } from "../db/configuration";
import { getEnv } from "../env";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";
import type { ClientSettings } from "../validation/settings";

/** The effective server and client-default settings, without the server's private key. */
export async function getSettingsSummary(actor: Principal) {
  if (!canViewAdminPages(actor)) throw new ForbiddenError();
  const env = getEnv();
  const configuration = await getConfiguration(getDb());
  return {
    isConfigured: configuration !== null,
    interfaceName: env.WG_INTERFACE,
    externalUrl: env.EXTERNAL_URL,
    configuration,
  };
}

/** Client defaults and the device switches, from the Settings page and the API alike. */
export async function saveClientSettings(actor: Principal, input: ClientSettings) {
  if (!canEditSettings(actor)) throw new ForbiddenError();
  const db = getDb();
  const configuration = await updateConfiguration(db, input);
  await recordAuditEvent(db, { actor, action: "settings.updated", targetType: "configuration", details: auditDetails(actor, input) });
  return configuration;
}
