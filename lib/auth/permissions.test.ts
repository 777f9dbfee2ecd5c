import { describe, expect, it } from "vitest";
import { canManageUsers, canViewAdminPages, canViewDiagnostics, isAdmin, isSignedIn } from "./permissions";

const admin = { id: "u-admin", role: "admin" as const };
const user = { id: "u-user", role: "unprivileged" as const };

describe("permissions", () => {
  it.each([
    ["isAdmin", isAdmin],
    ["canViewAdminPages", canViewAdminPages],
    ["canManageUsers", canManageUsers],
    ["canViewDiagnostics", canViewDiagnostics],
  ])("%s allows admins only", (_name, check) => {
    expect(check(admin)).toBe(true);
    expect(check(user)).toBe(false);
  });

  it("isSignedIn allows any actor", () => {
    expect(isSignedIn(admin)).toBe(true);
    expect(isSignedIn(user)).toBe(true);
  });
});
