import "server-only";
import { canViewAdminPages } from "../auth/permissions";
import { getConfiguration } from "../db/configuration";
import { getEnv } from "../env";
import { getDb } from "./db";
import { ForbiddenError } from "./errors";
import type { Principal } from "./guard";

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
