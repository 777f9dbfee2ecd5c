// scripts/mock-client.ts (the test and stack client) must never take over the machine's routes.
import { describe, expect, it } from "vitest";
import { configureMockClient } from "../scripts/mock-client";
import { createFakeRunner, createMemoryLogger } from "./test-support";

const fullTunnelConfig = `[Interface]
PrivateKey = ${"A".repeat(43)}=
Address = 10.3.2.5/32, fd00::3:2:5/128

[Peer]
PublicKey = ${"B".repeat(42)}A=
AllowedIPs = 0.0.0.0/0, ::/0
Endpoint = 198.18.0.1:51820
`;

describe("configureMockClient with a full-tunnel configuration", () => {
  it("refuses AllowedIPs 0.0.0.0/0 unless asked for a full tunnel", async () => {
    const { run, calls } = createFakeRunner();
    await expect(configureMockClient(run, { configText: fullTunnelConfig, interfaceName: "wguift" }, createMemoryLogger().log)).rejects.toThrow(/refusing AllowedIPs 0\.0\.0\.0\/0/);
    expect(calls).toEqual([]);
  });

  it("refuses a full tunnel in the machine's own (unnamed) network namespace, before creating anything", async () => {
    const { run, calls } = createFakeRunner(() => ({ stdout: "\n", stderr: "" }));
    await expect(configureMockClient(run, { configText: fullTunnelConfig, interfaceName: "wguift", isFullTunnel: true }, createMemoryLogger().log)).rejects.toThrow(/outside a named network namespace/);
    expect(calls.map((call) => call.command)).toEqual(["ip netns identify"]);
  });

  it("skips the namespace check only when told it runs in a container of its own (compose)", async () => {
    const { run, calls } = createFakeRunner(() => ({ stdout: "\n", stderr: "" }));
    const options = { configText: fullTunnelConfig, interfaceName: "wguift", isFullTunnel: true, isInOwnContainer: true };
    await configureMockClient(run, options, createMemoryLogger().log).catch((error: unknown) => expect(String(error)).not.toMatch(/named network namespace/));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.map((call) => call.command)).not.toContain("ip netns identify");
  });
});
