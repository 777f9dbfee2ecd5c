import { describe, expect, it } from "vitest";
import { clientIsolationOf, describeClientIsolation } from "./client-isolation";
import { describeClientIsolationHealth } from "./client-isolation-health";

const now = Date.parse("2026-12-06T10:00:00Z");
const isolation = clientIsolationOf({ allowPeerToPeer: false, allowServerNetworksToClients: false, ipv4Network: "10.3.2.0/24", ipv6Network: "fd00::3:2:0/120" });
const applied = { appliedAt: new Date(now - 5_000), isolationDescription: describeClientIsolation(isolation), lastError: null, lastErrorAt: null };

describe("describeClientIsolation", () => {
  it("names both switches and what clients may reach on the server itself", () => {
    expect(describeClientIsolation(isolation)).toBe(
      "peer to peer off; networks behind the server to clients off (replies pass); the server's own addresses: ping to 10.3.2.1, fd00::3:2:1 and what egress rules accept",
    );
    expect(describeClientIsolation({ ...isolation, allowPeerToPeer: true, allowServerNetworksToClients: true })).toMatch(/^peer to peer on; networks behind the server to clients on; /);
  });
});

describe("describeClientIsolationHealth", () => {
  it("shows the switches and what the collector applied, and when", () => {
    expect(describeClientIsolationHealth(applied, isolation, now)).toEqual({
      name: "Client isolation",
      status: "ok",
      detail: `Clients may reach each other: off; networks behind the server may reach clients: off (Settings → Security). The collector applied 5 s ago: ${applied.isolationDescription}.`,
    });
  });

  it("warns while the collector still enforces an earlier setting, or has not run yet", () => {
    expect(describeClientIsolationHealth(applied, { ...isolation, allowPeerToPeer: true }, now)).toMatchObject({ status: "warning", detail: expect.stringMatching(/^Clients may reach each other: on; .* has not applied the latest change yet\. The collector applied 5 s ago: peer to peer off;/) });
    expect(describeClientIsolationHealth(null, isolation, now)).toMatchObject({ status: "warning", detail: expect.stringMatching(/Not applied by the collector yet/) });
  });

  it("is an error while the last attempt failed, naming the failure", () => {
    const line = describeClientIsolationHealth({ ...applied, lastError: "nft: Operation not permitted", lastErrorAt: new Date(now - 1_000) }, isolation, now);
    expect(line).toMatchObject({ status: "error", detail: expect.stringMatching(/Not applied \(retried on every pass\): nft: Operation not permitted\./) });
  });
});
