import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./actions";

describe("the README's audit action table", () => {
  it("lists exactly the actions of lib/audit/actions.ts", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Audit log"), readme.indexOf("## Diagnostics"));
    const listed = [...section.matchAll(/^\| `([a-z_.]+)` \| (.+) \|$/gm)].map(([, code, label]) => ({ code, label }));
    expect(listed).toEqual(AUDIT_ACTIONS.map(({ code, label }) => ({ code, label })));
  });
});
