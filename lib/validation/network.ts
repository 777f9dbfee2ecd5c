// Network value schemas shared by settings, the setup command and (later) device and rule forms.
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

export function isCidrV4(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  return rest.length === 0 && isIPv4(address ?? "") && /^\d{1,2}$/.test(prefix ?? "") && Number(prefix) <= 32;
}

export function isCidrV6(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  return rest.length === 0 && isIPv6(address ?? "") && /^\d{1,3}$/.test(prefix ?? "") && Number(prefix) <= 128;
}

export const cidrV4Schema = z.string().trim().refine(isCidrV4, "must be an IPv4 CIDR such as 10.3.2.0/24");
export const cidrV6Schema = z.string().trim().refine(isCidrV6, "must be an IPv6 CIDR such as fd00::3:2:0/120");

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
  return (isIPv4(host) || hostnamePattern.test(host)) && isPort(port);
}

function isPort(port: string | undefined): boolean {
  return port === undefined || (/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535);
}

export const endpointSchema = z
  .string()
  .trim()
  .refine(isEndpoint, "must be a host name or IP, optionally with :port (e.g. vpn.example.com:51820)");
