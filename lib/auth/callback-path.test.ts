import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each(["/", "/devices", "/admin/users?page=2", "/account#theme"])("keeps the relative path %s", (value) => {
    expect(safeCallbackPath(value)).toBe(value);
  });

  it.each([undefined, null, "", "https://evil.example", "//evil.example", "/\\evil.example", "devices", "javascript:alert(1)", "\\\\evil.example"])(
    "falls back to /devices for %j",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/devices");
    },
  );
});

describe("safeCallbackPath regressions", () => {
  it.each(["/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/%5C/evil.example/..", "/\\evil.example"])("refuses %j", (value) => {
    const result = safeCallbackPath(value);
    expect(new URL(result, "https://app.test/").origin).toBe("https://app.test");
  });

  it("keeps the query and hash of a same-site path", () => {
    expect(safeCallbackPath("/admin/users?page=2#top")).toBe("/admin/users?page=2#top");
  });
});

describe("safeCallbackPath dot segments", () => {
  it.each(["/..//evil.example", "/.//evil.example", "/%2e%2e//evil.example", "/a/..//evil.example"])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/devices");
  });

  it("refuses a repeated parameter", () => {
    expect(safeCallbackPath(["/a", "/b"])).toBe("/devices");
  });
});
