import { describe, expect, it } from "vitest";
import { effectiveSettings, endpointWithPort, type ClientDefaults, type DeviceOverrides } from "../devices/effective-settings";
import { configFileName, PRIVATE_KEY_PLACEHOLDER, renderClientConfig } from "./client-config";

const defaults: ClientDefaults = {
  defaultClientAllowedIps: ["0.0.0.0/0", "::/0"],
  defaultClientDns: ["192.0.2.53"],
  defaultClientEndpoint: "vpn.example.com",
  defaultClientMtu: 1280,
  defaultClientPersistentKeepalive: 25,
  listenPort: 51820,
};

const onDefaults: DeviceOverrides = {
  useDefaultAllowedIps: true,
  allowedIps: [],
  useDefaultDns: true,
  dns: [],
  useDefaultEndpoint: true,
  endpoint: null,
  useDefaultMtu: true,
  mtu: null,
  useDefaultPersistentKeepalive: true,
  persistentKeepalive: null,
};

const keys = { server: "S".repeat(43) + "=", private: "P".repeat(43) + "=", psk: "K".repeat(43) + "=" };

describe("renderClientConfig", () => {
  it("renders a wg-quick configuration from the defaults", () => {
    const config = renderClientConfig({
      privateKey: keys.private,
      ipv4: "10.3.2.2",
      ipv6: "fd00::3:2:2",
      presharedKey: keys.psk,
      serverPublicKey: keys.server,
      settings: effectiveSettings(onDefaults, defaults),
    });
    expect(config).toBe(
      [
        "[Interface]",
        `PrivateKey = ${keys.private}`,
        "Address = 10.3.2.2/32, fd00::3:2:2/128",
        "DNS = 192.0.2.53",
        "MTU = 1280",
        "",
        "[Peer]",
        `PublicKey = ${keys.server}`,
        `PresharedKey = ${keys.psk}`,
        "AllowedIPs = 0.0.0.0/0, ::/0",
        "Endpoint = vpn.example.com:51820",
        "PersistentKeepalive = 25",
        "",
      ].join("\n"),
    );
  });

  it("uses overrides, drops empty DNS and a zero keepalive, and marks a missing private key", () => {
    const settings = effectiveSettings(
      { ...onDefaults, useDefaultDns: false, dns: [], useDefaultPersistentKeepalive: false, persistentKeepalive: 0, useDefaultAllowedIps: false, allowedIps: ["10.3.2.0/24"], useDefaultEndpoint: false, endpoint: "2001:db8::1", useDefaultMtu: false, mtu: 1420 },
      defaults,
    );
    const config = renderClientConfig({ privateKey: null, ipv4: "10.3.2.3", ipv6: null, presharedKey: null, serverPublicKey: keys.server, settings });
    expect(config).toContain(`PrivateKey = ${PRIVATE_KEY_PLACEHOLDER}`);
    expect(config).toContain("Address = 10.3.2.3/32\n");
    expect(config).toContain("AllowedIPs = 10.3.2.0/24");
    expect(config).toContain("Endpoint = [2001:db8::1]:51820");
    expect(config).toContain("MTU = 1420");
    expect(config).not.toMatch(/DNS|PersistentKeepalive|PresharedKey/);
  });
});

describe("endpointWithPort", () => {
  it.each([
    ["vpn.example.com", "vpn.example.com:51820"],
    ["vpn.example.com:1194", "vpn.example.com:1194"],
    ["192.0.2.1", "192.0.2.1:51820"],
    ["2001:db8::1", "[2001:db8::1]:51820"],
    ["[2001:db8::1]", "[2001:db8::1]:51820"],
    ["[2001:db8::1]:443", "[2001:db8::1]:443"],
  ])("%s → %s", (endpoint, expected) => {
    expect(endpointWithPort(endpoint, 51820)).toBe(expected);
  });
});

describe("configFileName", () => {
  it.each([
    ["laptop", "laptop.conf"],
    ["Alice's phone (work)", "Alice-s-phone-w.conf"],
    ["ééé", "wiregui.conf"],
  ])("%s → %s", (name, expected) => {
    expect(configFileName(name)).toBe(expected);
  });
});
