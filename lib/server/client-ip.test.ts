import { describe, expect, it } from "vitest";
import { clientIpFrom, normalizeAddress, PEER_ADDRESS_HEADER, resolveClientIp, trustedProxiesFrom } from "./client-ip";

const none = trustedProxiesFrom([]);
const proxies = trustedProxiesFrom(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);

describe("resolveClientIp", () => {
  it("takes the socket's address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientIp("203.0.113.7", "198.51.100.1", none)).toBe("203.0.113.7");
    expect(resolveClientIp("127.0.0.1", "198.51.100.1", none)).toBe("127.0.0.1");
  });

  it("ignores X-Forwarded-For from a socket that is not a trusted proxy", () => {
    expect(resolveClientIp("203.0.113.7", "198.51.100.1", proxies)).toBe("203.0.113.7");
  });

  it("walks the chain from the right, skipping trusted hops", () => {
    expect(resolveClientIp("127.0.0.1", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(resolveClientIp("127.0.0.1", "198.51.100.1, 10.1.2.3", proxies)).toBe("198.51.100.1");
    // A client can prepend anything: only the hop the trusted proxies saw counts.
    expect(resolveClientIp("127.0.0.1", "192.0.2.66, 198.51.100.1, 10.1.2.3", proxies)).toBe("198.51.100.1");
    expect(resolveClientIp("::ffff:10.0.0.5", " 2001:DB8::1 ,fd00::2", proxies)).toBe("2001:db8::1");
  });

  it("stops at the last trusted hop when every entry is trusted or one is not an address", () => {
    expect(resolveClientIp("127.0.0.1", "10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(resolveClientIp("127.0.0.1", "unknown, 10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(resolveClientIp("127.0.0.1", ", ,", proxies)).toBe("127.0.0.1");
  });

  it("knows no client without a socket address", () => {
    expect(resolveClientIp(null, "198.51.100.1", proxies)).toBeNull();
  });
});

describe("clientIpFrom", () => {
  it("reads the stamped socket address, never a client's X-Forwarded-For alone", () => {
    expect(clientIpFrom(new Headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::FFFF:192.0.2.1", "192.0.2.1"],
    ["2001:DB8::1", "2001:db8::1"],
    [" 10.0.0.1 ", "10.0.0.1"],
    ["not-an-ip", null],
    ["203.0.113.7:443", null],
    ["", null],
    [null, null],
  ])("%j → %j", (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });
});
