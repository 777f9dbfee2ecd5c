import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expiryFor, tokenStatus } from "./lifetime";
import { bearerTokenFrom, generateToken, hashToken, isWellFormedToken } from "./token";

describe("generateToken", () => {
  it("makes a wgui_ token of 32 random bytes, its SHA-256 and a short display prefix", () => {
    const { token, tokenHash, prefix } = generateToken();
    expect(token).toMatch(/^wgui_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(5), "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(11);
    expect(isWellFormedToken(token)).toBe(true);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken().token));
    expect(tokens.size).toBe(200);
  });

  it("hashes deterministically", () => {
    expect(hashToken("wgui_x")).toBe(hashToken("wgui_x"));
    expect(hashToken("wgui_x")).not.toBe(hashToken("wgui_y"));
  });
});

describe("isWellFormedToken", () => {
  it.each(["", "wgui_", "wgui_short", `other_${"a".repeat(43)}`, `wgui_${"a".repeat(44)}`, `wgui_${"a".repeat(42)}=`])("refuses %j", (value) => {
    expect(isWellFormedToken(value)).toBe(false);
  });
});

describe("bearerTokenFrom", () => {
  it("reads the token of a Bearer header, whatever the scheme's case", () => {
    expect(bearerTokenFrom("Bearer wgui_abc")).toBe("wgui_abc");
    expect(bearerTokenFrom("bearer  wgui_abc ")).toBe("wgui_abc");
  });

  it.each([null, undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Token wgui_abc"])("answers null for %j", (header) => {
    expect(bearerTokenFrom(header)).toBeNull();
  });
});

describe("expiry and status", () => {
  const now = new Date("2026-11-26T06:00:00Z");

  it("adds whole days, or none for never", () => {
    expect(expiryFor("1", now)).toEqual(new Date("2026-11-27T06:00:00Z"));
    expect(expiryFor("365", now)).toEqual(new Date("2027-11-26T06:00:00Z"));
    expect(expiryFor("never", now)).toBeNull();
  });

  it("is revoked before expired, expired from the expiry instant on", () => {
    expect(tokenStatus({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(tokenStatus({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("active");
    expect(tokenStatus({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(tokenStatus({ expiresAt: new Date(0), revokedAt: now }, now)).toBe("revoked");
  });
});
