import { execFileSync } from "node:child_process";
import { createHmac, hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  deriveEncryptionKey,
  deriveLegacyEncryptionKey,
  deriveNextAuthSecret,
  deriveSigningKey,
  encodeEncryptionKey,
  keyIdOf,
  parseEncryptionKey,
  type SigningPurpose,
} from "./keys";

const authSecret = "a-deployment-secret-of-forty-characters!";
const purposes: SigningPurpose[] = ["next-auth-session", "sso-link", "mfa-enrolment"];

// The key material AUTH_SECRET gave before key separation: the secret itself (next-auth), the
// secret-box key and the link-cookie key.
const oldKeyMaterial = [
  Buffer.from(authSecret),
  Buffer.from(hkdfSync("sha256", authSecret, "wiregui", "wiregui:secret-box:v1", 32)),
  Buffer.from(hkdfSync("sha256", authSecret, "wiregui", "wiregui:sso-link:v1", 32)),
].map((key) => key.toString("hex"));

describe("key derivation", () => {
  it("gives every signing purpose and the encryption key a different key", () => {
    const keys = [...purposes.map((purpose) => deriveSigningKey(authSecret, purpose)), deriveEncryptionKey(authSecret)].map((key) => key.toString("hex"));
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toHaveLength(64);
  });

  it("derives nothing equal to the key material AUTH_SECRET gave before", () => {
    const keys = [...purposes.map((purpose) => deriveSigningKey(authSecret, purpose)), deriveEncryptionKey(authSecret)].map((key) => key.toString("hex"));
    for (const key of keys) expect(oldKeyMaterial).not.toContain(key);
    expect(deriveNextAuthSecret(authSecret)).not.toBe(authSecret);
    expect(deriveLegacyEncryptionKey(authSecret).toString("hex")).toBe(oldKeyMaterial[1]);
  });

  it("cannot get a signing key from the encryption key", () => {
    const encryptionKey = deriveEncryptionKey(authSecret);
    for (const purpose of purposes) {
      const fromEncryptionKey = Buffer.from(hkdfSync("sha256", encryptionKey, "wiregui", `wiregui:signing:${purpose}:v2`, 32));
      expect(fromEncryptionKey.equals(deriveSigningKey(authSecret, purpose))).toBe(false);
    }
  });

  it("depends on AUTH_SECRET", () => {
    expect(deriveEncryptionKey(authSecret).equals(deriveEncryptionKey(`${authSecret}x`))).toBe(false);
    expect(deriveNextAuthSecret(authSecret)).not.toBe(deriveNextAuthSecret(`${authSecret}x`));
  });

  it("matches the documented openssl derivation of WIREGUI_ENCRYPTION_KEY", () => {
    const printed = execFileSync("openssl", ["kdf", "-keylen", "32", "-kdfopt", "digest:SHA256", "-kdfopt", `key:${authSecret}`, "-kdfopt", "salt:wiregui", "-kdfopt", "info:wiregui:encryption:v2", "HKDF"], { encoding: "utf8" });
    expect(parseEncryptionKey(printed.trim().replaceAll(":", "")).equals(deriveEncryptionKey(authSecret))).toBe(true);
  });
});

describe("WIREGUI_ENCRYPTION_KEY's form", () => {
  it("round-trips as 64 hex digits", () => {
    const key = deriveEncryptionKey(authSecret);
    expect(encodeEncryptionKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(parseEncryptionKey(encodeEncryptionKey(key)).equals(key)).toBe(true);
    expect(parseEncryptionKey(encodeEncryptionKey(key).toUpperCase()).equals(key)).toBe(true);
  });

  it.each(["", "abc", "g".repeat(64), "a".repeat(63), "a".repeat(66), authSecret])("refuses %j", (value) => {
    expect(() => parseEncryptionKey(value)).toThrow("64 hex digits");
  });
});

describe("keyIdOf", () => {
  it("is short, stable and reveals nothing a MAC of the key would", () => {
    const key = deriveEncryptionKey(authSecret);
    expect(keyIdOf(key)).toBe(keyIdOf(Buffer.from(key)));
    expect(keyIdOf(key)).toMatch(/^[\w-]{8}$/);
    expect(keyIdOf(key)).not.toBe(keyIdOf(deriveEncryptionKey(`${authSecret}x`)));
    expect(key.toString("base64url")).not.toContain(keyIdOf(key));
    expect(createHmac("sha256", key).digest("base64url")).not.toContain(keyIdOf(key));
  });
});
