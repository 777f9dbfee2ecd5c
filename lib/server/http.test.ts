import { describe, expect, it } from "vitest";
import { conditionalJson, entityTagOf, matchesIfNoneMatch } from "./http";

describe("entity tags", () => {
  it("are strong tags of the exact representation", () => {
    expect(entityTagOf("{}")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(entityTagOf("{}")).toBe(entityTagOf("{}"));
    expect(entityTagOf('{"a":1}')).not.toBe(entityTagOf('{"a":2}'));
  });

  it("match If-None-Match weakly, in lists and as *", () => {
    const tag = '"abc"';
    expect(matchesIfNoneMatch(null, tag)).toBe(false);
    expect(matchesIfNoneMatch('"abc"', tag)).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', tag)).toBe(true);
    expect(matchesIfNoneMatch(' "x", "abc" ', tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
    expect(matchesIfNoneMatch('"abcd"', tag)).toBe(false);
    expect(matchesIfNoneMatch("abc", tag)).toBe(false);
  });

  it("answer 304 without a body to a caller holding the tag, else the JSON with it", async () => {
    const tag = entityTagOf("x");
    const held = conditionalJson(new Request("http://127.0.0.1/", { headers: { "if-none-match": tag } }), { a: 1 }, tag);
    expect(held.status).toBe(304);
    expect(await held.text()).toBe("");
    expect(held.headers.get("etag")).toBe(tag);
    const fresh = conditionalJson(new Request("http://127.0.0.1/"), { a: 1 }, tag);
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toEqual({ a: 1 });
    expect(fresh.headers.get("cache-control")).toBe("private, no-cache");
  });
});
