import { describe, expect, it } from "vitest";
import { clientSettingsSchema, securitySettingsSchema } from "./settings";

describe("securitySettingsSchema", () => {
  it("accepts each card's fields on their own", () => {
    expect(securitySettingsSchema.parse({ vpnSessionDuration: 86_400 })).toEqual({ vpnSessionDuration: 86_400 });
    expect(securitySettingsSchema.parse({ vpnSessionDuration: null })).toEqual({ vpnSessionDuration: null });
    expect(securitySettingsSchema.parse({ allowUnprivilegedDeviceManagement: false, allowUnprivilegedDeviceConfiguration: true })).toEqual({
      allowUnprivilegedDeviceManagement: false,
      allowUnprivilegedDeviceConfiguration: true,
    });
  });

  it("names the field of a duration that is not offered, and refuses an empty save", () => {
    const bad = securitySettingsSchema.safeParse({ vpnSessionDuration: 7_200 });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["vpnSessionDuration"], message: "must be Never, 1 hour, 1 day, 1 week, 30 days or 90 days" });
    expect(securitySettingsSchema.safeParse({ vpnSessionDuration: Number("abc") }).error?.issues[0]?.path).toEqual(["vpnSessionDuration"]);
    expect(securitySettingsSchema.safeParse({}).success).toBe(false);
    expect(securitySettingsSchema.safeParse({ allowUnprivilegedDeviceManagement: "yes" }).success).toBe(false);
  });

  it("takes the client isolation switches as booleans only, naming the field otherwise", () => {
    expect(securitySettingsSchema.parse({ allowPeerToPeer: true, allowServerNetworksToClients: false })).toEqual({ allowPeerToPeer: true, allowServerNetworksToClients: false });
    for (const bad of ["yes", "true", 1, null]) {
      expect(securitySettingsSchema.safeParse({ allowPeerToPeer: bad }).error?.issues[0], String(bad)).toMatchObject({ path: ["allowPeerToPeer"], message: "must be true or false" });
      expect(securitySettingsSchema.safeParse({ allowServerNetworksToClients: bad }).error?.issues[0], String(bad)).toMatchObject({ path: ["allowServerNetworksToClients"], message: "must be true or false" });
    }
  });
});

describe("auditRetentionDays", () => {
  it("accepts 1 to 3650 whole days and names the field otherwise", () => {
    expect(securitySettingsSchema.safeParse({ auditRetentionDays: 1 }).success).toBe(true);
    expect(securitySettingsSchema.safeParse({ auditRetentionDays: 3650 }).success).toBe(true);
    for (const bad of [0, 3651, 1.5, Number.NaN]) {
      const result = securitySettingsSchema.safeParse({ auditRetentionDays: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ["auditRetentionDays"], message: "must be a whole number of days from 1 to 3650" });
    }
  });
});
describe("the device limit setting", () => {
  it("takes a whole number from 1 to 1000 and names the field otherwise", () => {
    expect(securitySettingsSchema.parse({ maxDevicesPerUser: 1 })).toEqual({ maxDevicesPerUser: 1 });
    expect(securitySettingsSchema.parse({ maxDevicesPerUser: 1000 })).toEqual({ maxDevicesPerUser: 1000 });
    for (const [value, message] of [
      [0, "must be from 1 to 1000"],
      [1001, "must be from 1 to 1000"],
      [2.5, "must be a whole number"],
      [Number.NaN, "must be a whole number"],
      ["10", "must be a whole number"],
    ] as const) {
      expect(securitySettingsSchema.safeParse({ maxDevicesPerUser: value }).error?.issues[0], String(value)).toMatchObject({ path: ["maxDevicesPerUser"], message });
    }
  });
});

describe("clientSettingsSchema limits", () => {
  const base = { defaultClientAllowedIps: "0.0.0.0/0", defaultClientDns: "192.0.2.53", defaultClientEndpoint: "vpn.example.com", defaultClientMtu: 1280, defaultClientPersistentKeepalive: 25 };
  const issuesOf = (input: unknown) => Object.fromEntries((clientSettingsSchema.safeParse(input).error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

  it("takes up to 64 allowed IPs and 8 DNS servers, and names the field past that", () => {
    const cidrs = Array.from({ length: 65 }, (_, index) => `10.${index}.0.0/16`);
    const dns = Array.from({ length: 9 }, (_, index) => `192.0.2.${index + 1}`);
    expect(clientSettingsSchema.safeParse({ ...base, defaultClientAllowedIps: cidrs.slice(0, 64), defaultClientDns: dns.slice(0, 8) }).success).toBe(true);
    expect(issuesOf({ ...base, defaultClientAllowedIps: cidrs, defaultClientDns: dns.join(" ") })).toEqual({
      defaultClientAllowedIps: "must be at most 64 CIDRs (got 65)",
      defaultClientDns: "must be at most 8 addresses (got 9)",
    });
  });

  it("names an endpoint past 259 characters by its length", () => {
    expect(issuesOf({ ...base, defaultClientEndpoint: `${"e".repeat(300)}:51820` })).toEqual({ defaultClientEndpoint: "must be at most 259 characters" });
  });
});
