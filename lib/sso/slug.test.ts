import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugify", () => {
  it.each([
    ["Corp SSO", "corp-sso"],
    ["  Entra ID (prod)  ", "entra-id-prod"],
    ["Köln Büro", "koln-buro"],
    ["!!!", "provider"],
    ["a".repeat(60), "a".repeat(40)],
  ])("%s → %s", (label, slug) => {
    expect(slugify(label)).toBe(slug);
  });
});

describe("uniqueSlug", () => {
  it("appends the first free number", () => {
    expect(uniqueSlug("corp", new Set())).toBe("corp");
    expect(uniqueSlug("corp", new Set(["corp", "corp-2"]))).toBe("corp-3");
  });
});
