import { describe, expect, it } from "vitest";
import { securitySettingsSchema } from "./settings";

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
