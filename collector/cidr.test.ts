import { describe, expect, it } from "vitest";
import { canonicalCidr, hostCidr, sameCidrSet } from "./cidr";

describe("cidr helpers", () => {
  it("spells IPv6 one way", () => {
    expect(canonicalCidr("FD00:0000::3:2:0/120")).toBe("fd00::3:2:0/120");
    expect(canonicalCidr("10.3.2.1/24")).toBe("10.3.2.1/24");
  });

  it("makes host routes of addresses", () => {
    expect(hostCidr("10.3.2.2")).toBe("10.3.2.2/32");
    expect(hostCidr("fd00::3:2:2")).toBe("fd00::3:2:2/128");
    expect(hostCidr("10.3.2.2/32")).toBe("10.3.2.2/32");
  });

  it("compares sets regardless of order and spelling", () => {
    expect(sameCidrSet(["10.0.0.1/32", "fd00::1/128"], ["fd00:0::1/128", "10.0.0.1/32"])).toBe(true);
    expect(sameCidrSet(["10.0.0.1/32"], ["10.0.0.1/32", "10.0.0.2/32"])).toBe(false);
    expect(sameCidrSet([], [])).toBe(true);
  });
});
