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
