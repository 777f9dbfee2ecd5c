import "server-only";
import { canConfigureDeviceSettings, canManageDevicesOf } from "../auth/permissions";
import { getConfiguration } from "../db/configuration";
import { endpointWithPort } from "../devices/effective-settings";
import { getDb } from "./db";
import { getDevicePolicy } from "./devices";
import type { Principal } from "./guard";

/** What device forms need to know: the defaults to show beside each switch and what the actor may do. */
export async function getDeviceFormContext(actor: Principal, ownerId: string) {
  const [configuration, policy] = await Promise.all([getConfiguration(getDb()), getDevicePolicy()]);
  return {
    isConfigured: Boolean(configuration?.serverPublicKey),
    canManage: canManageDevicesOf(actor, ownerId, policy),
    canConfigure: canConfigureDeviceSettings(actor, policy),
    defaults: {
      allowedIps: configuration?.defaultClientAllowedIps.join(", ") ?? "",
      dns: configuration?.defaultClientDns.join(", ") ?? "",
      endpoint: configuration?.defaultClientEndpoint ? endpointWithPort(configuration.defaultClientEndpoint, configuration.listenPort) : "",
      mtu: String(configuration?.defaultClientMtu ?? ""),
      persistentKeepalive: String(configuration?.defaultClientPersistentKeepalive ?? ""),
    },
  };
}
