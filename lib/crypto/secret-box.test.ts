import { describe, expect, it } from "vitest";
import { deriveEncryptionKey, deriveLegacyEncryptionKey } from "./keys";
import { SecretBox } from "./secret-box";

const box = new SecretBox("a".repeat(32));

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  bytes[0] = bytes[0]! ^ 0x01;
  return bytes.toString("base64");
}

describe("SecretBox", () => {
  it.each(["server private key", "", "ünïcødé ✓ 🔑", "x".repeat(10_000)])("round-trips %j", (plaintext) => {
    expect(box.open(box.seal(plaintext))).toBe(plaintext);
  });

  it("opens with a new box built from the same secret", () => {
    expect(new SecretBox("a".repeat(32)).open(box.seal("kept"))).toBe("kept");
  });

  it("uses the v2:<key id>:<iv>:<tag>:<ciphertext> format without leaking the plaintext", () => {
    const sealed = box.seal("top secret");
    const [version, keyId, iv, tag, ciphertext, ...rest] = sealed.split(":");
    expect(version).toBe("v2");
    expect(keyId).toBe(box.keyId);
    expect(keyId).toMatch(/^[\w-]{8}$/);
    expect(Buffer.from(iv!, "base64")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64")).toHaveLength(16);
    expect(Buffer.from(ciphertext!, "base64")).toHaveLength("top secret".length);
    expect(rest).toEqual([]);
    expect(sealed).not.toContain("top secret");
    expect(Buffer.from(ciphertext!, "base64").toString("utf8")).not.toBe("top secret");
  });

  it("seals the same plaintext differently each time", () => {
    const first = box.seal("same");
    const second = box.seal("same");
    expect(first).not.toBe(second);
    expect(first.split(":")[2]).not.toBe(second.split(":")[2]);
  });

  it("rejects a tampered ciphertext", () => {
    const [version, keyId, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, keyId, iv, tag, flipFirstByte(ciphertext!)].join(":"))).toThrow("could not be decrypted");
  });

  it("rejects a tampered tag", () => {
    const [version, keyId, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, keyId, iv, flipFirstByte(tag!), ciphertext].join(":"))).toThrow("could not be decrypted");
  });

  it("rejects a tampered IV", () => {
    const [version, keyId, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, keyId, flipFirstByte(iv!), tag, ciphertext].join(":"))).toThrow("could not be decrypted");
  });

  it("cannot be opened under a different AUTH_SECRET, and says which key sealed it", () => {
    const sealed = box.seal("payload");
    expect(() => new SecretBox("b".repeat(32)).open(sealed)).toThrow(new RegExp(`sealed with key ${box.keyId}, .*AUTH_SECRET`));
  });

  it("cannot be opened under a different key that claims the same key id", () => {
    const [version, , iv, tag, ciphertext] = box.seal("payload").split(":");
    const other = new SecretBox("b".repeat(32));
    expect(() => other.open([version, other.keyId, iv, tag, ciphertext].join(":"))).toThrow("could not be decrypted");
  });

  it.each(["", "plaintext", "v2:aaaa:bbbb:cccc", "v3:k:aaaa:bbbb:cccc", "v1:aaaa:bbbb", "v1::bbbb:cccc", "v1:aaaa::cccc", "v2::AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AA=="])("rejects the unknown format %j", (value) => {
    expect(() => box.open(value)).toThrow("Encrypted value has an unknown format");
  });
});

describe("SecretBox regressions", () => {
  const box = new SecretBox("r".repeat(40));

  it("refuses a truncated authentication tag", () => {
    const [version, keyId, iv, tag, ciphertext] = box.seal("hello").split(":");
    const shortTag = Buffer.from(tag!, "base64").subarray(0, 4).toString("base64");
    expect(() => box.open([version, keyId, iv, shortTag, ciphertext].join(":"))).toThrow("unknown format");
  });

  it.each(["v1:!!!!:AAAA:AAAA", "v1:a:b:c:d", "v1:AAAAAAAAAAAAAAAA:A:", "v2:k:!!!!:AAAA:AAAA"])("refuses malformed input %j with its own error", (sealed) => {
    expect(() => box.open(sealed)).toThrow("Encrypted value has an unknown format");
  });
});

describe("SecretBox across key separation", () => {
  const authSecret = "legacy-deployment-secret-0123456789abcdef";
  // Sealed by the SecretBox of the commit before key separation, under this AUTH_SECRET.
  const legacySealed = "v1:h33VfItr3u+VBMs9:ITOhaAmumG9KHOwyU41PRA==:VVlUar/lTVFWWx/7CEN8eQK5qSc60ecGRLfWKqxJ+cOCxiAiZpY4F2g=";

  it("opens a value sealed in the old format with the key AUTH_SECRET derived then", () => {
    expect(new SecretBox(authSecret).open(legacySealed)).toBe("wg private key from before key separation");
  });

  it("opens old and new values alike where AUTH_SECRET is known, and marks the old one for re-sealing", () => {
    const box = new SecretBox(authSecret);
    const resealed = box.seal(box.open(legacySealed));
    expect(box.needsResealing(legacySealed)).toBe(true);
    expect(box.needsResealing(resealed)).toBe(false);
    expect(box.open(resealed)).toBe("wg private key from before key separation");
  });

  it("opens new values with the encryption key alone (the collector's view)", () => {
    const sealed = new SecretBox(authSecret).seal("preshared");
    expect(new SecretBox({ key: deriveEncryptionKey(authSecret) }).open(sealed)).toBe("preshared");
  });

  it("refuses an old value without AUTH_SECRET, saying how to re-seal it", () => {
    expect(() => new SecretBox({ key: deriveEncryptionKey(authSecret) }).open(legacySealed)).toThrow(/old format.*wiregui setup/);
  });

  it("never seals under the legacy key", () => {
    const sealed = new SecretBox(authSecret).seal("x");
    expect(() => new SecretBox({ key: deriveLegacyEncryptionKey(authSecret) }).open(sealed)).toThrow();
  });

  it("refuses a key of the wrong length", () => {
    expect(() => new SecretBox({ key: Buffer.alloc(16) })).toThrow("32 bytes");
  });
});
