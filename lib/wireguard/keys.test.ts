import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { derivePublicKey, generateKeyPair, generatePresharedKey, generatePrivateKey, isWireguardKey, wireguardKeySchema } from "./keys";

const hexToBase64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

describe("generatePrivateKey", () => {
  it("returns a 44-character base64 WireGuard key", () => {
    const key = generatePrivateKey();
    expect(key).toHaveLength(44);
    expect(isWireguardKey(key)).toBe(true);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
  });

  it("clamps the scalar", () => {
    for (let i = 0; i < 50; i++) {
      const raw = Buffer.from(generatePrivateKey(), "base64");
      expect(raw[0]! & 7).toBe(0);
      expect(raw[31]! & 128).toBe(0);
      expect(raw[31]! & 64).toBe(64);
    }
  });

  it("is random", () => {
    expect(generatePrivateKey()).not.toBe(generatePrivateKey());
  });
});

describe("derivePublicKey", () => {
  it.each([
    ["Alice", "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"],
    ["Bob", "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"],
  ])("matches the RFC 7748 test vector for %s", (_name, privateHex, publicHex) => {
    expect(derivePublicKey(hexToBase64(privateHex))).toBe(hexToBase64(publicHex));
  });

  it("agrees with wg pubkey", () => {
    for (let i = 0; i < 5; i++) {
      const privateKey = generatePrivateKey();
      const result = spawnSync("wg", ["pubkey"], { input: `${privateKey}\n`, encoding: "utf8" });
      expect(result.error, "`wg` could not be run: install wireguard-tools (the test script does)").toBeUndefined();
      expect(result.status).toBe(0);
      expect(derivePublicKey(privateKey)).toBe(result.stdout.trim());
    }
  });

  it("rejects a key that is not 32 bytes", () => {
    expect(() => derivePublicKey(Buffer.alloc(31, 1).toString("base64"))).toThrow("32 bytes");
    expect(() => derivePublicKey(Buffer.alloc(33, 1).toString("base64"))).toThrow("32 bytes");
    expect(() => derivePublicKey("")).toThrow("32 bytes");
  });
});

describe("generateKeyPair", () => {
  it("returns a private key and its public key", () => {
    const { privateKey, publicKey } = generateKeyPair();
    expect(isWireguardKey(privateKey)).toBe(true);
    expect(isWireguardKey(publicKey)).toBe(true);
    expect(publicKey).toBe(derivePublicKey(privateKey));
    expect(publicKey).not.toBe(privateKey);
  });
});

describe("generatePresharedKey", () => {
  it("is 32 random bytes in base64", () => {
    const key = generatePresharedKey();
    expect(isWireguardKey(key)).toBe(true);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(Buffer.from(key, "base64").toString("base64")).toBe(key);
    expect(generatePresharedKey()).not.toBe(key);
  });
});

describe("isWireguardKey", () => {
  const valid = hexToBase64("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

  it("accepts a base64 32-byte key", () => {
    expect(valid).toHaveLength(44);
    expect(isWireguardKey(valid)).toBe(true);
  });

  it.each([
    ["43 characters", valid.slice(0, 43)],
    ["45 characters", `${valid}=`],
    ["no padding", `${valid.slice(0, 43)}A`],
    ["a last character with non-zero padding bits", `${valid.slice(0, 42)}B=`],
    ["url-safe base64", `-${valid.slice(1)}`],
    ["surrounding whitespace", ` ${valid}`],
    ["empty", ""],
  ])("rejects %s", (_label, value) => {
    expect(isWireguardKey(value)).toBe(false);
  });

  it("schema trims before checking", () => {
    expect(wireguardKeySchema.parse(`  ${valid}\n`)).toBe(valid);
    expect(wireguardKeySchema.safeParse(valid.slice(0, 43)).success).toBe(false);
  });
});
