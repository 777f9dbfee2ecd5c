// The wg-quick configuration a device imports (text, QR code and .conf download).
import type { EffectiveSettings } from "../devices/effective-settings";

export const PRIVATE_KEY_PLACEHOLDER = "<paste this device's private key>";

export interface ClientConfigInput {
  /** Null when the server no longer has it (it is shown once) or never had it (own key). */
  privateKey: string | null;
  ipv4: string | null;
  ipv6: string | null;
  presharedKey: string | null;
  serverPublicKey: string;
  settings: EffectiveSettings;
}

export function renderClientConfig(input: ClientConfigInput): string {
  const addresses = [input.ipv4 && `${input.ipv4}/32`, input.ipv6 && `${input.ipv6}/128`].filter(Boolean);
  const lines = [
    "[Interface]",
    `PrivateKey = ${input.privateKey ?? PRIVATE_KEY_PLACEHOLDER}`,
    `Address = ${addresses.join(", ")}`,
    input.settings.dns.length > 0 && `DNS = ${input.settings.dns.join(", ")}`,
    `MTU = ${input.settings.mtu}`,
    "",
    "[Peer]",
    `PublicKey = ${input.serverPublicKey}`,
    input.presharedKey && `PresharedKey = ${input.presharedKey}`,
    `AllowedIPs = ${input.settings.allowedIps.join(", ")}`,
    input.settings.endpoint && `Endpoint = ${input.settings.endpoint}`,
    input.settings.persistentKeepalive > 0 && `PersistentKeepalive = ${input.settings.persistentKeepalive}`,
  ];
  return `${lines.filter((line) => line !== false && line !== null && line !== undefined).join("\n")}\n`;
}

/** A file name WireGuard apps accept (they use it as the tunnel name: at most 15 safe characters). */
export function configFileName(deviceName: string): string {
  const base = deviceName.replace(/[^A-Za-z0-9_=+.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 15) || "wiregui";
  return `${base}.conf`;
}
