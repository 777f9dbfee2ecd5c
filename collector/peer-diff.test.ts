import { describe, expect, it } from "vitest";
import { generateKeyPair, generatePresharedKey } from "../lib/wireguard/keys";
import { describePeerChange, diffPeers, type ActualPeer } from "./peer-diff";
import type { DesiredPeer } from "./desired-peers";

const [a, b, c, d] = Array.from({ length: 4 }, () => generateKeyPair().publicKey) as [string, string, string, string];
const psk = generatePresharedKey();
const otherPsk = generatePresharedKey();

const desired = (publicKey: string, allowedIps: string[], presharedKey: string | null = psk): DesiredPeer => ({ publicKey, allowedIps, presharedKey });
const actual = (publicKey: string, allowedIps: string[], presharedKey: string | null = psk): ActualPeer => ({ publicKey, allowedIps, presharedKey });

describe("diffPeers", () => {
  it("changes nothing when the sets are equal, whatever the order and IPv6 spelling", () => {
    expect(
      diffPeers(
        [desired(a, ["10.3.2.2/32", "fd00::3:2:2/128"]), desired(b, ["10.3.2.3/32"])],
        [actual(b, ["10.3.2.3/32"]), actual(a, ["FD00:0:0::3:2:2/128", "10.3.2.2/32"])],
      ),
    ).toEqual([]);
  });

  it("removes extra peers first, then updates, then adds", () => {
    const changes = diffPeers(
      [desired(a, ["10.3.2.2/32"]), desired(c, ["10.3.2.9/32"])],
      [actual(a, ["10.3.2.5/32"]), actual(b, ["10.3.2.3/32"])],
    );
    expect(changes).toEqual([
      { kind: "remove", publicKey: b },
      { kind: "update", publicKey: a, allowedIps: { from: ["10.3.2.5/32"], to: ["10.3.2.2/32"] } },
      { kind: "add", publicKey: c, allowedIps: ["10.3.2.9/32"], presharedKey: psk },
    ]);
  });

  it("updates a preshared key that differs, and removes one the device no longer has", () => {
    expect(diffPeers([desired(a, ["10.3.2.2/32"], otherPsk)], [actual(a, ["10.3.2.2/32"])])).toEqual([
      { kind: "update", publicKey: a, presharedKey: otherPsk },
    ]);
    expect(diffPeers([desired(a, ["10.3.2.2/32"], null)], [actual(a, ["10.3.2.2/32"])])).toEqual([{ kind: "update", publicKey: a, presharedKey: null }]);
  });

  it("leaves untouchable peers alone: not removed, not changed, not added", () => {
    const untouchable = new Set([a, d]);
    expect(diffPeers([desired(d, ["10.3.2.4/32"])], [actual(a, ["10.3.2.2/32"], null)], untouchable)).toEqual([]);
  });

  it("removes every peer when no device is desired", () => {
    expect(diffPeers([], [actual(a, []), actual(b, [])])).toEqual([
      { kind: "remove", publicKey: a },
      { kind: "remove", publicKey: b },
    ]);
  });
});

describe("describePeerChange", () => {
  it("says what changed with the public key and never a preshared key", () => {
    const lines = [
      describePeerChange({ kind: "add", publicKey: a, allowedIps: ["10.3.2.2/32"], presharedKey: psk }),
      describePeerChange({ kind: "update", publicKey: a, allowedIps: { from: ["10.3.2.2/32"], to: [] }, presharedKey: otherPsk }),
      describePeerChange({ kind: "update", publicKey: a, presharedKey: null }),
      describePeerChange({ kind: "remove", publicKey: b }),
    ];
    expect(lines).toEqual([
      `added peer ${a} (allowed IPs 10.3.2.2/32; with preshared key)`,
      `updated peer ${a}: allowed IPs 10.3.2.2/32 -> none; preshared key replaced`,
      `updated peer ${a}: preshared key removed`,
      `removed peer ${b}`,
    ]);
    expect(lines.join("\n")).not.toContain(psk);
    expect(lines.join("\n")).not.toContain(otherPsk);
  });
});
