import { expect, type Page } from "@playwright/test";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@wiregui.test`;
}

/** Adds a user through the admin Users page, as an admin would. */
export async function addUserAsAdmin(page: Page, user: { email: string; password: string; role?: "User" | "Administrator" }) {
  await page.goto("/admin/users");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Password").fill(user.password);
  await form.getByLabel("Role").selectOption({ label: user.role ?? "User" });
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("User added.")).toBeVisible();
  await expect(page.getByRole("cell", { name: user.email })).toBeVisible();
}
