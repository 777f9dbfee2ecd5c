import { describe, expect, it } from "vitest";
import { isNeverAServer, nonPublicRangeOf } from "./address-ranges";

describe("nonPublicRangeOf", () => {
  it.each(["8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"])("lets the public address %s through", (address) => {
    expect(nonPublicRangeOf(address)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "loopback (127.0.0.0/8)"],
    ["127.255.255.254", "loopback (127.0.0.0/8)"],
    ["10.20.30.40", "private (10.0.0.0/8)"],
    ["172.16.0.1", "private (172.16.0.0/12)"],
    ["172.31.255.255", "private (172.16.0.0/12)"],
    ["192.168.1.1", "private (192.168.0.0/16)"],
    ["100.64.0.1", "shared address space (100.64.0.0/10)"],
    ["169.254.169.254", "link-local (169.254.0.0/16)"],
    ["0.0.0.0", "this network (0.0.0.0/8)"],
    ["224.0.0.251", "multicast (224.0.0.0/4)"],
    ["255.255.255.255", "reserved (240.0.0.0/4)"],
    ["192.0.2.10", "documentation (192.0.2.0/24)"],
    ["::1", "loopback (::1)"],
    ["[::1]", "loopback (::1)"],
    ["::", "unspecified (::)"],
    ["fe80::1%eth0", "link-local (fe80::/10)"],
    ["fd00::3:2:1", "unique local (fc00::/7)"],
    ["ff02::1", "multicast (ff00::/8)"],
    ["::ffff:127.0.0.1", "loopback (127.0.0.0/8), inside ::ffff:127.0.0.1"],
    ["::ffff:a9fe:a9fe", "link-local (169.254.0.0/16), inside ::ffff:a9fe:a9fe"],
    ["64:ff9b::a00:1", "private (10.0.0.0/8), inside 64:ff9b::a00:1"],
    ["2002:c0a8:101::1", "private (192.168.0.0/16), inside 2002:c0a8:101::1"],
    ["4000::1", "reserved (outside 2000::/3)"],
    ["idp.example.com", "not an IP address"],
  ])("refuses %s as %s", (address, range) => {
    expect(nonPublicRangeOf(address)).toBe(range);
  });
});

describe("isNeverAServer", () => {
  it("keeps refusing what no private-network switch can make a server", () => {
    expect(["0.0.0.0", "::", "224.0.0.1", "ff02::1", "240.0.0.1", "::ffff:0.0.0.0"].map((a) => isNeverAServer(nonPublicRangeOf(a)!))).toEqual([true, true, true, true, true, true]);
    expect(["127.0.0.1", "10.0.0.1", "fd00::1", "169.254.1.1", "::1"].map((a) => isNeverAServer(nonPublicRangeOf(a)!))).toEqual([false, false, false, false, false]);
  });
});
