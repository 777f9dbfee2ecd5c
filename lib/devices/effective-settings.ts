// What a device's client configuration really uses: its own override where "use default" is off,
// the server-wide client default otherwise.
import { isIPv6 } from "node:net";

export interface DeviceOverrides {
  useDefaultAllowedIps: boolean;
  allowedIps: string[];
  useDefaultDns: boolean;
  dns: string[];
  useDefaultEndpoint: boolean;
  endpoint: string | null;
  useDefaultMtu: boolean;
  mtu: number | null;
  useDefaultPersistentKeepalive: boolean;
  persistentKeepalive: number | null;
}

export interface ClientDefaults {
  defaultClientAllowedIps: string[];
  defaultClientDns: string[];
  defaultClientEndpoint: string | null;
  defaultClientMtu: number;
  defaultClientPersistentKeepalive: number;
  listenPort: number;
}

export interface EffectiveSettings {
  allowedIps: string[];
  dns: string[];
  endpoint: string;
  mtu: number;
  persistentKeepalive: number;
}

/** Adds the server's listen port when the endpoint has none; brackets a bare IPv6 address. */
export function endpointWithPort(endpoint: string, port: number): string {
  if (endpoint.startsWith("[")) return endpoint.includes("]:") ? endpoint : `${endpoint}:${port}`;
  if (isIPv6(endpoint)) return `[${endpoint}]:${port}`;
  return endpoint.includes(":") ? endpoint : `${endpoint}:${port}`;
}

export function effectiveSettings(device: DeviceOverrides, defaults: ClientDefaults): EffectiveSettings {
  const endpoint = device.useDefaultEndpoint ? defaults.defaultClientEndpoint : device.endpoint;
  return {
    allowedIps: device.useDefaultAllowedIps ? defaults.defaultClientAllowedIps : device.allowedIps,
    dns: device.useDefaultDns ? defaults.defaultClientDns : device.dns,
    endpoint: endpoint ? endpointWithPort(endpoint, defaults.listenPort) : "",
    mtu: (device.useDefaultMtu ? defaults.defaultClientMtu : device.mtu) ?? defaults.defaultClientMtu,
    persistentKeepalive: (device.useDefaultPersistentKeepalive ? defaults.defaultClientPersistentKeepalive : device.persistentKeepalive) ?? 0,
  };
}
