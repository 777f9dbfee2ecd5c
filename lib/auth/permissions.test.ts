import { describe, expect, it } from "vitest";
import { canLinkSsoByEmail, canManageUsers, canViewAdminPages, canViewDiagnostics, isAdmin, isSignedIn } from "./permissions";

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

describe("canLinkSsoByEmail", () => {
  it("allows only an account that nothing but its email protects", () => {
    expect(canLinkSsoByEmail({ role: "unprivileged", hasPassword: false, authenticatorCount: 0 })).toBe(true);
    expect(canLinkSsoByEmail({ role: "admin", hasPassword: false, authenticatorCount: 0 })).toBe(false);
    expect(canLinkSsoByEmail({ role: "unprivileged", hasPassword: true, authenticatorCount: 0 })).toBe(false);
    expect(canLinkSsoByEmail({ role: "unprivileged", hasPassword: false, authenticatorCount: 1 })).toBe(false);
  });
});
