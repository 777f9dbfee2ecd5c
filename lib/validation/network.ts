// Network value schemas shared by settings, the setup command and (later) device and rule forms.
import { isIP, isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { hasHostBitsSet } from "../net/ip";
import { ALLOWED_IPS_MAX_ENTRIES, DNS_MAX_ENTRIES, ENDPOINT_MAX_LENGTH, tooLong, tooMany } from "./limits";

export function isCidrV4(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  return rest.length === 0 && isIPv4(address ?? "") && /^\d{1,2}$/.test(prefix ?? "") && Number(prefix) <= 32;
}

export function isCidrV6(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  // A zone id ("fe80::1%eth0") names a link, not a network.
  return rest.length === 0 && !address?.includes("%") && isIPv6(address ?? "") && /^\d{1,3}$/.test(prefix ?? "") && Number(prefix) <= 128;
}

const hostBitsMessage = "has host bits set: use the network address (e.g. 10.3.2.0/24, not 10.3.2.1/24)";

export const cidrV4Schema = z
  .string()
  .trim()
  .refine(isCidrV4, { message: "must be an IPv4 CIDR such as 10.3.2.0/24", abort: true })
  .refine((value) => !hasHostBitsSet(value), hostBitsMessage);
export const cidrV6Schema = z
  .string()
  .trim()
  .refine(isCidrV6, { message: "must be an IPv6 CIDR such as fd00::3:2:0/120", abort: true })
  .refine((value) => !hasHostBitsSet(value), hostBitsMessage.replace("10.3.2.0/24, not 10.3.2.1/24", "fd00::3:2:0/120, not fd00::3:2:1/120"));

/** A tunnel network must leave room for the server and at least one client. */
export const tunnelV4NetworkSchema = cidrV4Schema.refine(
  (value) => Number(value.split("/")[1]) <= 30,
  "must be /30 or larger to hold the server and a client",
);
export const tunnelV6NetworkSchema = cidrV6Schema.refine(
  (value) => Number(value.split("/")[1]) <= 126,
  "must be /126 or larger to hold the server and a client",
);

/** Linux interface names: at most 15 characters, no slash or whitespace. */
export const interfaceNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.=+-]{1,15}$/, "must be 1-15 letters, digits or _.=+- (a Linux interface name)");

const hostnamePattern = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A WireGuard endpoint as clients dial it: host, host:port, IPv6 or [IPv6]:port. */
export function isEndpoint(value: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return isIPv6(bracketed[1] ?? "") && isPort(bracketed[2]);
  if (isIPv6(value)) return true;
  const [host, port, ...rest] = value.split(":");
  if (rest.length > 0 || !host) return false;
  // All-numeric names ("999.1.1.1") are mistyped addresses, not host names.
  const isNumericName = /^[\d.]+$/.test(host);
  return (isIPv4(host) || (!isNumericName && hostnamePattern.test(host))) && isPort(port);
}

function isPort(port: string | undefined): boolean {
  return port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

export const endpointSchema = z
  .string()
  .trim()
  .max(ENDPOINT_MAX_LENGTH, { message: tooLong(ENDPOINT_MAX_LENGTH), abort: true })
  .refine(isEndpoint, "must be a host name or IP, optionally with :port (e.g. vpn.example.com:51820)");

/** A list from a JSON array or from text separated by commas, spaces or new lines. */
export const listField = z
  .union([z.array(z.string()), z.string()])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((item) => item.trim()).filter(Boolean));

export function isCidr(value: string): boolean {
  return cidrV4Schema.safeParse(value).success || cidrV6Schema.safeParse(value).success;
}

/** The first entry that is not a CIDR (with no host bits set), as a message; null when all are. */
export function cidrListProblem(values: string[]): string | null {
  const bad = values.find((value) => !isCidr(value));
  return bad === undefined ? null : `"${bad}" is not a valid CIDR (with no host bits set, e.g. 10.3.2.0/24)`;
}

/** TRUSTED_PROXIES: CIDRs (no host bits) or single addresses; the first bad entry, as a message. */
export function trustedProxyProblem(entries: string[]): string | null {
  const bad = entries.find((entry) => isIP(entry) === 0 && !isCidr(entry));
  return bad === undefined ? null : `has "${bad}", which is neither an IP address nor a CIDR with no host bits set (e.g. 10.0.0.0/8, 192.0.2.10)`;
}

export function ipListProblem(values: string[]): string | null {
  const bad = values.find((value) => isIP(value) === 0);
  return bad === undefined ? null : `"${bad}" is not an IP address`;
}

/** Allowed IPs of a device or of the client defaults: at most 64 CIDRs. */
export function allowedIpsProblem(values: string[]): string | null {
  if (values.length > ALLOWED_IPS_MAX_ENTRIES) return `${tooMany(ALLOWED_IPS_MAX_ENTRIES, "CIDRs")} (got ${values.length})`;
  return cidrListProblem(values);
}

/** DNS servers of a device or of the client defaults: at most 8 IP addresses. */
export function dnsProblem(values: string[]): string | null {
  if (values.length > DNS_MAX_ENTRIES) return `${tooMany(DNS_MAX_ENTRIES, "addresses")} (got ${values.length})`;
  return ipListProblem(values);
}
