import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";
import { addUserAsAdmin, uniqueEmail } from "./users";

test("the theme choice is saved to the account", async ({ page }) => {
  await page.goto("/account");
  await page.locator("label", { hasText: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();

  await page.locator("label", { hasText: "Light" }).click();
  // The page applies the theme only once the server saved it; reloading earlier races the save.
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.locator("label", { hasText: "Auto" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "auto");
});

test("a user changes their password; bad input names the field", async ({ page, browser }) => {
  const user = { email: uniqueEmail("pw"), password: "first-password-123" };
  await addUserAsAdmin(page, user);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const userPage = await context.newPage();
  await signIn(userPage, user.email, user.password);
  await userPage.goto("/account");

  await userPage.getByLabel("Current password").fill("wrong-password-999");
  await userPage.getByLabel("New password", { exact: true }).fill("second-password-456");
  await userPage.getByLabel("Confirm new password").fill("something-else-789");
  await userPage.getByRole("button", { name: "Change password" }).click();
  await expect(userPage.getByText("does not match the new password")).toBeVisible();

  await userPage.getByLabel("Confirm new password").fill("second-password-456");
  await userPage.getByRole("button", { name: "Change password" }).click();
  await expect(userPage.getByText("is incorrect")).toBeVisible();

  await userPage.getByLabel("Current password").fill(user.password);
  await userPage.getByRole("button", { name: "Change password" }).click();
  await expect(userPage.getByText("Password changed.")).toBeVisible();
  // Still signed in on this page (the form signed in again with the new password).
  await userPage.goto("/devices");
  await expect(userPage.getByRole("heading", { name: "My devices" })).toBeVisible();

  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const freshPage = await fresh.newPage();
  await signIn(freshPage, user.email, "second-password-456");
  await Promise.all([context.close(), fresh.close()]);
});

test("the admin adds a user; a duplicate email is refused on the email field", async ({ page }) => {
  const email = uniqueEmail("dup");
  await addUserAsAdmin(page, { email, password: "dup-password-1234" });
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByLabel("Password").fill("dup-password-1234");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("is already used by another user")).toBeVisible();
  await form.getByLabel("Email").fill(uniqueEmail("short"));
  await form.getByLabel("Password").fill("short");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText("must be at least 12 characters")).toBeVisible();
});
