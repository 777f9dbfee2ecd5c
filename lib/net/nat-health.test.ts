import { describe, expect, it } from "vitest";
import { describeNatHealth } from "./nat-health";

const now = Date.parse("2026-12-04T20:00:00Z");
const settings = { interfaceName: "wg0", ipv4Masquerade: true, ipv6Masquerade: false, egressInterface: undefined };
const applied = { natDescription: "IPv4 10.3.2.0/24, IPv6 off, leaving through any interface but wg0", natAppliedAt: new Date(now - 10_000), natLastError: null, natLastErrorAt: null };

describe("describeNatHealth", () => {
  it("shows each family, the egress interface and when the collector applied it", () => {
    expect(describeNatHealth(applied, settings, now)).toEqual({
      name: "NAT for full-tunnel clients",
      status: "ok",
      detail: "IPv4 masquerade on, IPv6 masquerade off, egress through any interface but wg0. The collector applied it 10 s ago: IPv4 10.3.2.0/24, IPv6 off, leaving through any interface but wg0.",
    });
    expect(describeNatHealth(applied, { ...settings, egressInterface: "eth0" }, now).detail).toMatch(/egress interface eth0\./);
  });

  it("is an error while the last attempt failed, naming the failure", () => {
    const line = describeNatHealth({ ...applied, natLastError: "nft: Operation not permitted", natLastErrorAt: new Date(now - 1_000) }, settings, now);
    expect(line.status).toBe("error");
    expect(line.detail).toMatch(/Not applied \(retried on every full pass\): nft: Operation not permitted\./);
  });

  it("warns before the collector's first pass", () => {
    expect(describeNatHealth(null, settings, now)).toMatchObject({ status: "warning", detail: expect.stringMatching(/Not applied by the collector yet/) });
  });

  it("says plainly when masquerading is switched off", () => {
    expect(describeNatHealth(null, { ...settings, ipv4Masquerade: false }, now)).toMatchObject({ status: "ok", detail: expect.stringMatching(/^Off \(WG_IPV4_MASQUERADE and WG_IPV6_MASQUERADE are false\)/) });
  });
});
