import { describe, expect, it } from "vitest";
import { SecretBox } from "../lib/crypto/secret-box";
import { generateKeyPair, generatePresharedKey } from "../lib/wireguard/keys";
import { toDesiredPeers } from "./desired-peers";

const box = new SecretBox("s".repeat(40));
const otherBox = new SecretBox("o".repeat(40));
const psk = generatePresharedKey();
const key = () => generateKeyPair().publicKey;

describe("toDesiredPeers", () => {
  it("turns devices into peers: tunnel addresses as host routes, preshared key decrypted", () => {
    const publicKey = key();
    const { peers, unusable } = toDesiredPeers(
      [{ id: "d1", publicKey, presharedKeyEncrypted: box.seal(psk), ipv4: "10.3.2.2", ipv6: "fd00:0::3:2:2" }],
      (sealed) => box.open(sealed),
    );
    expect(unusable).toEqual([]);
    expect(peers).toEqual([{ publicKey, presharedKey: psk, allowedIps: ["10.3.2.2/32", "fd00::3:2:2/128"] }]);
  });

  it("accepts addresses with a prefix, and devices without addresses or preshared key", () => {
    const publicKey = key();
    const { peers } = toDesiredPeers([{ id: "d1", publicKey, presharedKeyEncrypted: null, ipv4: "10.3.2.2/32", ipv6: null }], (sealed) => box.open(sealed));
    expect(peers).toEqual([{ publicKey, presharedKey: null, allowedIps: ["10.3.2.2/32"] }]);
  });

  it("reports devices it cannot use, with why, and keeps the others", () => {
    const good = key();
    const unreadable = key();
    const { peers, unusable } = toDesiredPeers(
      [
        { id: "bad-key", publicKey: "not-a-key", presharedKeyEncrypted: null, ipv4: "10.3.2.2", ipv6: null },
        { id: "other-secret", publicKey: unreadable, presharedKeyEncrypted: otherBox.seal(psk), ipv4: "10.3.2.3", ipv6: null },
        { id: "good", publicKey: good, presharedKeyEncrypted: null, ipv4: "10.3.2.4", ipv6: null },
      ],
      (sealed) => box.open(sealed),
    );
    expect(peers.map((peer) => peer.publicKey)).toEqual([good]);
    expect(unusable).toEqual([
      { deviceId: "bad-key", publicKey: "not-a-key", reason: "its public key is not a WireGuard key" },
      { deviceId: "other-secret", publicKey: unreadable, reason: expect.stringMatching(/preshared key cannot be read: .*AUTH_SECRET/) },
    ]);
  });
});
