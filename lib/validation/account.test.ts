import { describe, expect, it } from "vitest";
import { changePasswordSchema, createUserSchema, emailSchema, passwordSchema, PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from "./account";

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(emailSchema.parse("  Alice@Example.COM ")).toBe("alice@example.com");
  });

  it.each(["", "alice", "alice@", "@example.com", "alice@@example.com", "alice example@example.com"])("rejects %j", (value) => {
    const result = emailSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("must be a valid email address");
  });

  it("takes 254 characters at most, as the users table does", () => {
    const domain = `${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(53)}.example`;
    expect(emailSchema.parse(`${"u".repeat(64)}@${domain}`)).toHaveLength(254);
    expect(emailSchema.safeParse(`${"u".repeat(64)}@${domain}x`).error?.issues).toEqual([expect.objectContaining({ message: "must be at most 254 characters" })]);
  });
});

describe("passwordSchema", () => {
  it("requires at least 12 characters", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordSchema.safeParse("a".repeat(11)).success).toBe(false);
    expect(passwordSchema.safeParse("a".repeat(12)).success).toBe(true);
  });

  it("allows at most 72 bytes of UTF-8, which is all bcrypt reads", () => {
    expect(PASSWORD_MAX_BYTES).toBe(72);
    expect(passwordSchema.safeParse("a".repeat(72)).success).toBe(true);
    const tooLong = passwordSchema.safeParse("a".repeat(73));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toMatch(/^must be at most 72 bytes/);
  });

  it("counts bytes, not characters", () => {
    // 24 three-byte characters are 72 bytes; one more ASCII character makes 73 in 25 characters.
    expect(passwordSchema.safeParse("€".repeat(24)).success).toBe(true);
    expect(passwordSchema.safeParse(`${"€".repeat(24)}a`).error?.issues[0]?.message).toMatch(/at most 72 bytes/);
    expect(passwordSchema.safeParse("🔑".repeat(19)).success).toBe(false);
  });

  it("explains the minimum", () => {
    expect(passwordSchema.safeParse("short").error?.issues[0]?.message).toBe("must be at least 12 characters");
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "old", newPassword: "correct horse battery", confirmPassword: "correct horse battery" };

  it("accepts matching passwords", () => {
    expect(changePasswordSchema.parse(valid)).toEqual(valid);
  });

  it("reports a mismatch on confirmPassword", () => {
    const result = changePasswordSchema.safeParse({ ...valid, confirmPassword: "correct horse battery!" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual(["confirmPassword"]);
    expect(result.error?.issues[0]?.message).toBe("does not match the new password");
  });

  it("requires the current password", () => {
    const result = changePasswordSchema.safeParse({ ...valid, currentPassword: "" });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["currentPassword"]]);
  });

  it("applies the password rules to newPassword", () => {
    const result = changePasswordSchema.safeParse({ ...valid, newPassword: "short", confirmPassword: "short" });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["newPassword"]]);
  });
});

describe("createUserSchema", () => {
  const valid = { email: " Bob@Example.com", password: "a-long-enough-password", role: "unprivileged" };

  it("normalises the email", () => {
    expect(createUserSchema.parse(valid)).toEqual({ ...valid, email: "bob@example.com" });
  });

  it.each(["admin", "unprivileged"])("accepts role %s", (role) => {
    expect(createUserSchema.parse({ ...valid, role }).role).toBe(role);
  });

  it.each(["superuser", "Admin", ""])("rejects role %j", (role) => {
    const result = createUserSchema.safeParse({ ...valid, role });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["role"]);
    expect(result.error?.issues[0]?.message).toBe("must be admin or unprivileged");
  });
});
