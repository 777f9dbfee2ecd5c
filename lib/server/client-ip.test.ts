import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

describe("clientIpFrom", () => {
  it("returns a single address", () => {
    expect(clientIpFrom("203.0.113.7")).toBe("203.0.113.7");
  });

  it("takes the last X-Forwarded-For entry", () => {
    expect(clientIpFrom("198.51.100.1, 10.0.0.2, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("trims whitespace and skips empty entries", () => {
    expect(clientIpFrom("  198.51.100.1 ,203.0.113.7  ")).toBe("203.0.113.7");
    expect(clientIpFrom("203.0.113.7, ,")).toBe("203.0.113.7");
  });

  it("strips the IPv4-mapped IPv6 prefix", () => {
    expect(clientIpFrom("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientIpFrom("10.0.0.1, ::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("keeps plain IPv6 addresses", () => {
    expect(clientIpFrom("2001:db8::1")).toBe("2001:db8::1");
  });

  it.each([null, undefined, "", "   ", ", ,"])("returns null for %j", (value) => {
    expect(clientIpFrom(value)).toBeNull();
  });
});

describe("clientIpFrom regressions", () => {
  it("strips an upper-case IPv4-mapped prefix", () => {
    expect(clientIpFrom("::FFFF:192.0.2.1")).toBe("192.0.2.1");
  });
});
