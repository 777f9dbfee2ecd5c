import { describe, expect, it } from "vitest";
import { allocateAddress, gatewayAddress, NetworkFullError } from "./allocate";
import { bigIntToIp, cidrContains, hasHostBitsSet, ipv6ToBigInt, parseCidr } from "./ip";

describe("allocateAddress", () => {
  it("starts after the gateway", () => {
    expect(gatewayAddress("10.3.2.0/24")).toBe("10.3.2.1");
    expect(allocateAddress("10.3.2.0/24", [])).toBe("10.3.2.2");
    expect(gatewayAddress("fd00::3:2:0/120")).toBe("fd00::3:2:1");
    expect(allocateAddress("fd00::3:2:0/120", [])).toBe("fd00::3:2:2");
  });

  it("fills the gap a deleted device left", () => {
    expect(allocateAddress("10.3.2.0/24", ["10.3.2.2", "10.3.2.4", "10.3.2.3/32", "10.3.2.6"])).toBe("10.3.2.5");
    expect(allocateAddress("fd00::3:2:0/120", ["fd00::3:2:2", "fd00::3:2:4"])).toBe("fd00::3:2:3");
  });

  it("never hands out the network, gateway or broadcast address", () => {
    const taken: string[] = [];
    for (;;) {
      try {
        taken.push(allocateAddress("10.9.0.0/29", taken));
      } catch (error) {
        expect(error).toBeInstanceOf(NetworkFullError);
        break;
      }
    }
    expect(taken).toEqual(["10.9.0.2", "10.9.0.3", "10.9.0.4", "10.9.0.5", "10.9.0.6"]);
  });

  it("says the network is full, naming it", () => {
    expect(() => allocateAddress("10.9.0.0/30", ["10.9.0.2"])).toThrow("The tunnel network 10.9.0.0/30 is full");
    const all = Array.from({ length: 254 }, (_, index) => `fd00::3:2:${(index + 2).toString(16)}`);
    expect(() => allocateAddress("fd00::3:2:0/120", all)).toThrow(NetworkFullError);
  });

  it("ignores addresses taken outside the network", () => {
    expect(allocateAddress("10.3.2.0/24", ["192.0.2.2", "fd00::2"])).toBe("10.3.2.2");
  });

  it("works in large IPv6 networks", () => {
    expect(allocateAddress("fd00:abcd::/64", ["fd00:abcd::2"])).toBe("fd00:abcd::3");
  });
});

describe("ip arithmetic", () => {
  it("formats IPv6 canonically", () => {
    expect(bigIntToIp(ipv6ToBigInt("fd00:0:0:0:0:3:2:0"), 6)).toBe("fd00::3:2:0");
    expect(bigIntToIp(ipv6ToBigInt("::1"), 6)).toBe("::1");
    expect(bigIntToIp(ipv6ToBigInt("1:0:0:2:0:0:0:3"), 6)).toBe("1:0:0:2::3");
    expect(bigIntToIp(0n, 6)).toBe("::");
  });

  it("parses networks and membership", () => {
    expect(parseCidr("10.3.2.0/24").size).toBe(256n);
    expect(cidrContains("10.3.2.0/24", "10.3.2.200")).toBe(true);
    expect(cidrContains("10.3.2.0/24", "10.3.3.1")).toBe(false);
    expect(cidrContains("fd00::3:2:0/120", "fd00::3:2:ff")).toBe(true);
    expect(cidrContains("fd00::3:2:0/120", "10.3.2.1")).toBe(false);
    expect(hasHostBitsSet("10.3.2.1/24")).toBe(true);
  });
});
