import { describe, expect, it } from "vitest";
import {
  cidrV4Schema,
  cidrV6Schema,
  endpointSchema,
  interfaceNameSchema,
  isCidrV4,
  isCidrV6,
  isEndpoint,
  tunnelV4NetworkSchema,
  tunnelV6NetworkSchema,
} from "./network";

describe("isCidrV4", () => {
  it.each(["10.3.2.0/24", "0.0.0.0/0", "192.168.1.1/32", "10.0.0.0/8"])("accepts %s", (value) => {
    expect(isCidrV4(value)).toBe(true);
  });

  it.each(["10.0.0.0/33", "10.0.0.0", "10.0.0.0/", "10.0.0.0/24/1", "10.0.0/24", "256.0.0.0/8", "10.0.0.0/-1", "10.0.0.0/100", "10.0.0.0/a", "fd00::/64", "", "/24"])(
    "rejects %s",
    (value) => {
      expect(isCidrV4(value)).toBe(false);
    },
  );
});

describe("isCidrV6", () => {
  it.each(["fd00::3:2:0/120", "::/0", "fd00::1/128", "2001:db8::/32"])("accepts %s", (value) => {
    expect(isCidrV6(value)).toBe(true);
  });

  it.each(["fd00::/129", "fd00::", "fd00::/", "fd00::/64/1", "fd00:::1/64", "10.0.0.0/24", "fd00::/1000", "fd00::/x", ""])("rejects %s", (value) => {
    expect(isCidrV6(value)).toBe(false);
  });
});

describe("CIDR schemas", () => {
  it("trim before checking", () => {
    expect(cidrV4Schema.parse(" 10.3.2.0/24 ")).toBe("10.3.2.0/24");
    expect(cidrV6Schema.parse(" fd00::/64\n")).toBe("fd00::/64");
  });

  it("report the expected form", () => {
    const result = cidrV4Schema.safeParse("10.0.0.0/33");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be an IPv4 CIDR such as 10.3.2.0/24");
  });
});

describe("tunnel network schemas", () => {
  it("accept IPv4 networks up to /30", () => {
    expect(tunnelV4NetworkSchema.safeParse("10.0.0.0/30").success).toBe(true);
    expect(tunnelV4NetworkSchema.safeParse("10.0.0.0/8").success).toBe(true);
  });

  it("reject IPv4 /31 and /32", () => {
    for (const value of ["10.0.0.0/31", "10.0.0.0/32"]) {
      const result = tunnelV4NetworkSchema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/\/30 or larger/);
    }
  });

  it("reject an invalid IPv4 CIDR", () => {
    expect(tunnelV4NetworkSchema.safeParse("10.0.0.0").success).toBe(false);
  });

  it("accept IPv6 networks up to /126", () => {
    expect(tunnelV6NetworkSchema.safeParse("fd00::/126").success).toBe(true);
    expect(tunnelV6NetworkSchema.safeParse("fd00::/64").success).toBe(true);
  });

  it("reject IPv6 /127 and /128", () => {
    for (const value of ["fd00::/127", "fd00::/128"]) {
      const result = tunnelV6NetworkSchema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/\/126 or larger/);
    }
  });
});

describe("interfaceNameSchema", () => {
  it.each(["wg0", "a", "wg_office.1", "x=y+z-w", "a".repeat(15)])("accepts %s", (value) => {
    expect(interfaceNameSchema.safeParse(value).success).toBe(true);
  });

  it.each(["", "a".repeat(16), "wg 0", "wg/0", "wg0\n", "wgé"])("rejects %j", (value) => {
    expect(interfaceNameSchema.safeParse(value).success).toBe(false);
  });
});

describe("isEndpoint", () => {
  it.each([
    "vpn.example.com",
    "vpn.example.com:51820",
    "localhost",
    "203.0.113.5",
    "203.0.113.5:51820",
    "2001:db8::1",
    "::1",
    "[2001:db8::1]:51820",
    "[2001:db8::1]",
    "host:1",
    "host:65535",
  ])("accepts %s", (value) => {
    expect(isEndpoint(value)).toBe(true);
  });

  it.each([
    "",
    "host:0",
    "host:65536",
    "[2001:db8::1]:0",
    "[2001:db8::1]:65536",
    "host:",
    "host:abc",
    ":51820",
    "a:b:c",
    "my_host.example.com",
    "-host.example.com",
    "host-.example.com",
    "[203.0.113.5]:51820",
    "[vpn.example.com]:51820",
    "2001:db8::1:51820:x",
    "vpn.example.com:51820:1",
    "host name",
    "a".repeat(64) + ".example.com",
  ])("rejects %j", (value) => {
    expect(isEndpoint(value)).toBe(false);
  });
});

describe("endpointSchema", () => {
  it("trims and validates", () => {
    expect(endpointSchema.parse("  vpn.example.com:51820 ")).toBe("vpn.example.com:51820");
    expect(endpointSchema.safeParse("host:0").success).toBe(false);
  });
});

describe("network regressions", () => {
  it.each([
    ["10.3.2.1/24", cidrV4Schema],
    ["fd00::3:2:1/120", cidrV6Schema],
  ] as const)("rejects %s: host bits set", (value, schema) => {
    expect(schema.safeParse(value).error?.issues[0]?.message).toMatch(/host bits set/);
  });

  it("reports only the format problem for a malformed CIDR", () => {
    expect(cidrV4Schema.safeParse("10.0.0.0/33").error?.issues).toHaveLength(1);
  });

  it.each(["999.1.1.1", "1.2.3.4.5", "999.1.1.1:51820"])("rejects the mistyped address %s as an endpoint", (value) => {
    expect(isEndpoint(value)).toBe(false);
  });
});
