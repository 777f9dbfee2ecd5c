import { describe, expect, it } from "vitest";
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

  it("uses the v1:<iv>:<tag>:<ciphertext> format without leaking the plaintext", () => {
    const sealed = box.seal("top secret");
    const [version, iv, tag, ciphertext, ...rest] = sealed.split(":");
    expect(version).toBe("v1");
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
    expect(first.split(":")[1]).not.toBe(second.split(":")[1]);
  });

  it("rejects a tampered ciphertext", () => {
    const [version, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, iv, tag, flipFirstByte(ciphertext!)].join(":"))).toThrow("could not be decrypted");
  });

  it("rejects a tampered tag", () => {
    const [version, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, iv, flipFirstByte(tag!), ciphertext].join(":"))).toThrow("could not be decrypted");
  });

  it("rejects a tampered IV", () => {
    const [version, iv, tag, ciphertext] = box.seal("payload").split(":");
    expect(() => box.open([version, flipFirstByte(iv!), tag, ciphertext].join(":"))).toThrow("could not be decrypted");
  });

  it("cannot be opened under a different AUTH_SECRET", () => {
    const sealed = box.seal("payload");
    expect(() => new SecretBox("b".repeat(32)).open(sealed)).toThrow(/AUTH_SECRET/);
  });

  it.each(["", "plaintext", "v2:aaaa:bbbb:cccc", "v1:aaaa:bbbb", "v1::bbbb:cccc", "v1:aaaa::cccc"])("rejects the unknown format %j", (value) => {
    expect(() => box.open(value)).toThrow("Encrypted value has an unknown format");
  });
});

describe("SecretBox regressions", () => {
  const box = new SecretBox("r".repeat(40));

  it("refuses a truncated authentication tag", () => {
    const [version, iv, tag, ciphertext] = box.seal("hello").split(":");
    const shortTag = Buffer.from(tag!, "base64").subarray(0, 4).toString("base64");
    expect(() => box.open([version, iv, shortTag, ciphertext].join(":"))).toThrow("unknown format");
  });

  it.each(["v1:!!!!:AAAA:AAAA", "v1:a:b:c:d", "v1:AAAAAAAAAAAAAAAA:A:"])("refuses malformed input %j with its own error", (sealed) => {
    expect(() => box.open(sealed)).toThrow("Encrypted value has an unknown format");
  });
});
