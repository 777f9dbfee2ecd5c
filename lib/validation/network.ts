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

function ipv4ToBigInt(address: string): bigint {
  return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(octet), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  const embeddedV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (embeddedV4) {
    const value = ipv4ToBigInt(embeddedV4);
    text = text.replace(embeddedV4, `${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`);
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group || "0"}`), 0n);
}

/** True when the address has bits set beyond the prefix (10.3.2.1/24), i.e. it is not the network address. */
export function hasHostBitsSet(cidr: string): boolean {
  const [address = "", prefixText = ""] = cidr.split("/");
  const isV4 = isIPv4(address);
  const width = isV4 ? 32n : 128n;
  const value = isV4 ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostBits = width - BigInt(prefixText);
  return (value & ((1n << hostBits) - 1n)) !== 0n;
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
  .refine(isEndpoint, "must be a host name or IP, optionally with :port (e.g. vpn.example.com:51820)");
