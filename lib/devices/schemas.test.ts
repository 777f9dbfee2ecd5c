import { describe, expect, it } from "vitest";
import { createDeviceSchema, deviceSettingsSchema, hasOverrides } from "./schemas";

const issuesOf = (input: unknown) =>
  Object.fromEntries((deviceSettingsSchema.safeParse(input).error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("deviceSettingsSchema", () => {
  it("uses every default when only a name is given, and clears overrides kept on default", () => {
    const settings = deviceSettingsSchema.parse({ name: " laptop ", allowedIps: "10.0.0.0/8", mtu: "1400" });
    expect(settings).toMatchObject({ name: "laptop", description: "", allowedIps: [], dns: [], endpoint: null, mtu: null, persistentKeepalive: null });
    expect(hasOverrides(settings)).toBe(false);
  });

  it("parses overrides from form text and from JSON", () => {
    const fromText = deviceSettingsSchema.parse({
      name: "a",
      useDefaultAllowedIps: false,
      allowedIps: "10.3.2.0/24,\n fd00::3:2:0/120",
      useDefaultDns: false,
      dns: "192.0.2.53 2001:db8::53",
      useDefaultMtu: false,
      mtu: " 1420 ",
      useDefaultPersistentKeepalive: false,
      persistentKeepalive: "0",
      useDefaultEndpoint: false,
      endpoint: "vpn.example.com:51821",
    });
    expect(fromText).toMatchObject({ allowedIps: ["10.3.2.0/24", "fd00::3:2:0/120"], dns: ["192.0.2.53", "2001:db8::53"], mtu: 1420, persistentKeepalive: 0, endpoint: "vpn.example.com:51821" });
    expect(hasOverrides(fromText)).toBe(true);
    const fromJson = deviceSettingsSchema.parse({ name: "a", useDefaultAllowedIps: false, allowedIps: ["0.0.0.0/0"], useDefaultMtu: false, mtu: 1500 });
    expect(fromJson).toMatchObject({ allowedIps: ["0.0.0.0/0"], mtu: 1500 });
  });

  it.each([
    [{ name: "" }, "name", "is required"],
    [{ name: "x".repeat(65) }, "name", "must be at most 64 characters"],
    [{ name: "a", useDefaultAllowedIps: false, allowedIps: "" }, "allowedIps", "needs at least one CIDR, or use the default"],
    [{ name: "a", useDefaultAllowedIps: false, allowedIps: "10.3.2.1/24" }, "allowedIps", '"10.3.2.1/24" is not a valid CIDR'],
    [{ name: "a", useDefaultAllowedIps: false, allowedIps: "10.0.0.0/33" }, "allowedIps", '"10.0.0.0/33" is not a valid CIDR'],
    [{ name: "a", useDefaultDns: false, dns: "1.1.1.1, dns.example.com" }, "dns", '"dns.example.com" is not an IP address'],
    [{ name: "a", useDefaultEndpoint: false, endpoint: "" }, "endpoint", "must be a host name or IP"],
    [{ name: "a", useDefaultEndpoint: false, endpoint: "vpn.example.com:70000" }, "endpoint", "must be a host name or IP"],
    [{ name: "a", useDefaultMtu: false, mtu: "575" }, "mtu", "must be from 576 to 1500"],
    [{ name: "a", useDefaultMtu: false, mtu: "1501" }, "mtu", "must be from 576 to 1500"],
    [{ name: "a", useDefaultMtu: false, mtu: "" }, "mtu", "must be from 576 to 1500"],
    [{ name: "a", useDefaultMtu: false, mtu: "14.5" }, "mtu", "must be a whole number"],
    [{ name: "a", useDefaultPersistentKeepalive: false, persistentKeepalive: "121" }, "persistentKeepalive", "must be from 0 to 120 seconds"],
    [{ name: "a", useDefaultPersistentKeepalive: false, persistentKeepalive: "-1" }, "persistentKeepalive", "must be from 0 to 120 seconds"],
  ])("rejects %j on %s", (input, field, message) => {
    expect(issuesOf(input)[field]).toContain(message);
  });

  it("accepts the limits", () => {
    expect(deviceSettingsSchema.safeParse({ name: "a", useDefaultMtu: false, mtu: 576, useDefaultPersistentKeepalive: false, persistentKeepalive: 120 }).success).toBe(true);
  });
});

describe("createDeviceSchema", () => {
  it("takes an own public key only if it is a WireGuard key", () => {
    expect(createDeviceSchema.safeParse({ settings: { name: "a" }, publicKey: "A".repeat(43) + "=" }).success).toBe(true);
    expect(createDeviceSchema.safeParse({ settings: { name: "a" }, publicKey: "A".repeat(44) }).success).toBe(false);
    expect(createDeviceSchema.safeParse({ settings: { name: "a" }, userId: "not-a-uuid" }).error?.issues[0]?.path).toEqual(["userId"]);
  });
});

describe("deviceSettingsSchema limits", () => {
  const cidrs = (count: number) => Array.from({ length: count }, (_, index) => `10.${index}.0.0/16`);
  const addresses = (count: number) => Array.from({ length: count }, (_, index) => `192.0.2.${index + 1}`);

  it("takes up to 64 allowed IPs and 8 DNS servers, and names the field past that", () => {
    expect(deviceSettingsSchema.parse({ name: "a", useDefaultAllowedIps: false, allowedIps: cidrs(64), useDefaultDns: false, dns: addresses(8) })).toMatchObject({ allowedIps: cidrs(64), dns: addresses(8) });
    expect(issuesOf({ name: "a", useDefaultAllowedIps: false, allowedIps: cidrs(65).join(", ") })).toEqual({ allowedIps: "must be at most 64 CIDRs (got 65)" });
    expect(issuesOf({ name: "a", useDefaultDns: false, dns: addresses(9) })).toEqual({ dns: "must be at most 8 addresses (got 9)" });
  });

  it("ignores a long list kept on its default: it is cleared, not stored", () => {
    expect(deviceSettingsSchema.parse({ name: "a", allowedIps: cidrs(100), dns: addresses(20) })).toMatchObject({ allowedIps: [], dns: [] });
  });

  it("names each string past its maximum length", () => {
    expect(issuesOf({ name: "n".repeat(65), description: "d".repeat(501), useDefaultEndpoint: false, endpoint: "e".repeat(260) })).toEqual({
      name: "must be at most 64 characters",
      description: "must be at most 500 characters",
      endpoint: "must be at most 259 characters",
    });
  });
});
