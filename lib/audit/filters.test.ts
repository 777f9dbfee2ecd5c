import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from "./actions";
import { auditQueryString, parseAuditFilters, parseDay } from "./filters";

describe("parseAuditFilters", () => {
  it("reads every filter and the page", () => {
    const parsed = parseAuditFilters({ actor: " Admin@ ", action: "user.updated", from: "2026-11-01", to: "2026-11-26", target: "abc", page: "3" });
    expect(parsed.problems).toEqual([]);
    expect(parsed.page).toBe(3);
    expect(parsed.filter).toEqual({
      actorEmail: "Admin@",
      action: "user.updated",
      targetId: "abc",
      from: new Date("2026-11-01T00:00:00Z"),
      // The whole "to" day is included.
      before: new Date("2026-11-27T00:00:00Z"),
    });
    expect(parsed.values).toEqual({ actor: "Admin@", action: "user.updated", from: "2026-11-01", to: "2026-11-26", target: "abc" });
  });

  it("has no filter and page 1 for an empty query", () => {
    expect(parseAuditFilters({})).toEqual({ filter: {}, values: { actor: "", action: "", from: "", to: "", target: "" }, page: 1, problems: [] });
  });

  it("ignores an unknown action with a message naming it, and keeps the other filters", () => {
    const parsed = parseAuditFilters({ action: "user.hacked", actor: "bob" });
    expect(parsed.filter).toEqual({ actorEmail: "bob" });
    expect(parsed.values.action).toBe("");
    expect(parsed.problems).toEqual(['Action: "user.hacked" is not a known action; ignored.']);
  });

  it("ignores bad dates with a message each", () => {
    const parsed = parseAuditFilters({ from: "yesterday", to: "2026-02-30" });
    expect(parsed.filter).toEqual({});
    expect(parsed.values).toMatchObject({ from: "", to: "" });
    expect(parsed.problems).toEqual(['From: "yesterday" is not a date (YYYY-MM-DD); ignored.', 'To: "2026-02-30" is not a date (YYYY-MM-DD); ignored.']);
  });

  it("ignores a range that ends before it starts", () => {
    const parsed = parseAuditFilters({ from: "2026-11-26", to: "2026-11-01" });
    expect(parsed.filter).toEqual({});
    expect(parsed.problems).toEqual(["To is before From; both dates ignored."]);
  });

  it("accepts a one-day range", () => {
    expect(parseAuditFilters({ from: "2026-11-26", to: "2026-11-26" }).filter).toEqual({ from: new Date("2026-11-26T00:00:00Z"), before: new Date("2026-11-27T00:00:00Z") });
  });

  it("takes the first of repeated parameters and falls back to page 1 for a bad page", () => {
    expect(parseAuditFilters({ action: ["auth.sign_in", "user.deleted"], page: "-2" })).toMatchObject({ filter: { action: "auth.sign_in" }, page: 1 });
    expect(parseAuditFilters({ page: "1e3" }).page).toBe(1);
    expect(parseAuditFilters({ page: "0" }).page).toBe(1);
  });

  it("ignores over-long text filters", () => {
    const parsed = parseAuditFilters({ actor: "a".repeat(321), target: "t".repeat(201) });
    expect(parsed.filter).toEqual({});
    expect(parsed.problems).toHaveLength(2);
  });
});

describe("parseDay", () => {
  it("accepts real days only", () => {
    expect(parseDay("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("2026-1-5")).toBeNull();
    expect(parseDay("2026-11-26T10:00")).toBeNull();
  });
});

describe("auditQueryString", () => {
  it("keeps the set filters and adds the page after the first", () => {
    const values = { actor: "bob", action: "", from: "2026-11-01", to: "", target: "" };
    expect(auditQueryString(values)).toBe("actor=bob&from=2026-11-01");
    expect(auditQueryString(values, 2)).toBe("actor=bob&from=2026-11-01&page=2");
  });
});

describe("audit actions", () => {
  it("are unique dotted codes with labels", () => {
    const codes = AUDIT_ACTIONS.map(({ code }) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { code, label } of AUDIT_ACTIONS) {
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(label.length).toBeGreaterThan(0);
    }
    expect(isAuditAction("auth.sign_in")).toBe(true);
    expect(isAuditAction("nope")).toBe(false);
    expect(auditActionLabel("user.updated")).toBe("User updated");
    expect(auditActionLabel("future.action")).toBe("future.action");
  });
});
