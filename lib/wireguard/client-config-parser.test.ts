import { describe, expect, it } from "vitest";
import { parseClientConfig } from "./client-config-parser";
import { renderClientConfig } from "./client-config";
import { generateKeyPair, generatePresharedKey } from "./keys";

const client = generateKeyPair();
const server = generateKeyPair();
const presharedKey = generatePresharedKey();

function rendered(overrides: Partial<Parameters<typeof renderClientConfig>[0]> = {}) {
  return renderClientConfig({
    privateKey: client.privateKey,
    ipv4: "10.3.2.2",
    ipv6: "fd00::3:2:2",
    presharedKey,
    serverPublicKey: server.publicKey,
    settings: { allowedIps: ["10.3.2.0/24", "fd00::3:2:0/120"], dns: ["10.3.2.1"], endpoint: "198.18.0.1:51820", mtu: 1280, persistentKeepalive: 25 },
    ...overrides,
  });
}

describe("parseClientConfig", () => {
  it("reads back what renderClientConfig writes", () => {
    expect(parseClientConfig(rendered())).toEqual({
      privateKey: client.privateKey,
      addresses: ["10.3.2.2/32", "fd00::3:2:2/128"],
      dns: ["10.3.2.1"],
      mtu: 1280,
      peer: {
        publicKey: server.publicKey,
        presharedKey,
        allowedIps: ["10.3.2.0/24", "fd00::3:2:0/120"],
        endpoint: "198.18.0.1:51820",
        persistentKeepalive: 25,
      },
    });
  });

  it("reads optional settings as absent", () => {
    const parsed = parseClientConfig(
      rendered({ presharedKey: null, settings: { allowedIps: ["10.3.2.0/24"], dns: [], endpoint: "", mtu: 1420, persistentKeepalive: 0 } }),
    );
    expect(parsed.dns).toEqual([]);
    expect(parsed.peer).toMatchObject({ presharedKey: null, endpoint: null, persistentKeepalive: null });
  });

  it("explains a configuration without its private key", () => {
    expect(() => parseClientConfig(rendered({ privateKey: null }))).toThrow(/PrivateKey is not a WireGuard key .*only the first one/);
  });

  it.each([
    ["a setting outside a section", "MTU = 1280\n[Peer]\n", /line 1: expected "Name = value"/],
    ["an unknown section", "[Interface]\n[Server]\n", /line 2: unknown section \[Server\]/],
    ["no peer", "[Interface]\nPrivateKey = x\n", /exactly one \[Peer\]/],
    ["two peers", "[Interface]\n[Peer]\n[Peer]\n", /found 2/],
  ])("rejects %s", (_name, text, message) => {
    expect(() => parseClientConfig(text)).toThrow(message);
  });

  it("names the line of a bad value without quoting keys", () => {
    const text = rendered().replace(/^MTU = .*$/m, "MTU = big").replace(/^PublicKey = .*$/m, "PublicKey = secretish");
    expect(() => parseClientConfig(text)).toThrow(/line \d+: MTU must be a whole number/);
    const badKey = rendered().replace(/^PublicKey = .*$/m, "PublicKey = secretish");
    expect(() => parseClientConfig(badKey)).toThrow(/line 8: PublicKey is not a WireGuard key$/);
    const badCidr = rendered().replace(/^AllowedIPs = .*$/m, "AllowedIPs = 10.3.2.0/24, 10.3.2.0/99");
    expect(() => parseClientConfig(badCidr)).toThrow(/AllowedIPs has "10.3.2.0\/99"/);
  });
});
