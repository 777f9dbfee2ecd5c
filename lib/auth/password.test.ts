import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

describe("hashPassword / verifyPassword", () => {
  it("verifies the right password and rejects a wrong one", { timeout: 20_000 }, async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery staplE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts each hash", { timeout: 20_000 }, async () => {
    const [first, second] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(first).not.toBe(second);
  });
});

describe("the 72-byte limit", () => {
  it("refuses to hash a password bcrypt would cut", async () => {
    await expect(hashPassword("a".repeat(73))).rejects.toThrow("at most 72 bytes");
    await expect(hashPassword("€".repeat(24) + "a")).rejects.toThrow("at most 72 bytes");
  });

  it("still signs in a long password hashed before the limit (nobody is locked out)", { timeout: 20_000 }, async () => {
    const longPassword = "a long passphrase set before the limit existed ".repeat(4);
    const oldHash = await bcrypt.hash(longPassword, 4);
    expect(await verifyPassword(longPassword, oldHash)).toBe(true);
    expect(await verifyPassword("a wrong password", oldHash)).toBe(false);
  });
});

describe("generatePassword", () => {
  it("defaults to 20 characters", () => {
    expect(generatePassword()).toHaveLength(20);
  });

  it("honours a custom length", () => {
    expect(generatePassword(1)).toHaveLength(1);
    expect(generatePassword(64)).toHaveLength(64);
  });

  it("uses only the unambiguous alphabet", () => {
    const characters = new Set(Array.from({ length: 200 }, () => generatePassword()).join(""));
    for (const character of characters) expect(ALPHABET).toContain(character);
    for (const ambiguous of "0O1lI") expect(characters.has(ambiguous)).toBe(false);
  });

  it("does not repeat", () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword());
    expect(new Set(passwords).size).toBe(200);
  });
});

describe("generatePassword regressions", () => {
  it.each([0, -1, 1.5])("rejects length %d instead of recursing", (length) => {
    expect(() => generatePassword(length)).toThrow(RangeError);
  });

  it("makes a one-character password", () => {
    expect(generatePassword(1)).toHaveLength(1);
  });
});
