// Users administration: search, the user page's edit and delete, and what disabling does: the user
// is signed out and refused, and (as root, on the e2e data plane) their peer leaves `wg show`.
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { admin } from "./env";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

const wg = (netns: string, args: string[]) => execFileSync("ip", ["netns", "exec", netns, "wg", "show", ...args], { encoding: "utf8" });

/** Whether the e2e server interface (e2e/serve.sh: wgues0 in wgue-srv) has the mock client wguec1 as a peer. */
function serverHasMockClient(): boolean {
  const clientKey = wg("wgue-c1", ["wguec1", "public-key"]).trim();
  return wg("wgue-srv", ["wgues0", "peers"]).split("\n").includes(clientKey);
}

async function openUser(page: Page, email: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email, exact: true }).click();
  await expect(page.getByRole("heading", { name: email })).toBeVisible();
  // React resets a <select>'s value when it hydrates: let it finish before changing the form.
  await page.waitForLoadState("networkidle");
}

async function saveUser(page: Page, changes: { role?: "User" | "Administrator"; disabled?: boolean; password?: string }) {
  if (changes.role) await page.getByLabel("Role").selectOption({ label: changes.role });
  if (changes.disabled !== undefined) await page.getByLabel("Disabled").setChecked(changes.disabled);
  if (changes.password) await page.getByLabel(/password/i).fill(changes.password);
  await page.getByRole("button", { name: "Save user" }).click();
}

test("admin finds users by part of their email", async ({ page }) => {
  const tag = `find${Date.now().toString(36)}`;
  for (const name of ["ann", "ben"]) await addUserAsAdmin(page, { email: `${name}-${tag}@wiregui.test`, password: "search-password-1" });
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: "Search users" }).fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByRole("heading", { name: "2 matching users" })).toBeVisible();
  await expect(page.getByRole("link", { name: `ann-${tag}@wiregui.test` })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search users" }).fill(`nobody-${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No matching users")).toBeVisible();
});

test("disabling a user signs them out and refuses their sign-in; a new password and enabling let them back in", async ({ page, browser }) => {
  const user = { email: uniqueEmail("disable"), password: "disable-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);

  await openUser(page, user.email);
  await saveUser(page, { disabled: true });
  await expect(page.getByText("User saved.")).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();

  await userPage.goto("/devices");
  await expect(userPage).toHaveURL(/\/login/);
  await userPage.getByLabel("Email").fill(user.email);
  await userPage.getByLabel("Password").fill(user.password);
  await userPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(userPage.getByRole("main").getByRole("alert")).toHaveText("This account is disabled. Ask an administrator to enable it.");

  await saveUser(page, { disabled: false, password: "second-password-2" });
  await expect(page.getByText("User saved.")).toBeVisible();
  await signIn(userPage, user.email, "second-password-2");
});

test("an administrator cannot demote or delete themselves", async ({ page }) => {
  await openUser(page, admin.email);
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  await saveUser(page, { role: "User" });
  await expect(page.getByText("cannot be changed on your own account")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Role")).toHaveValue("admin");
});

test("admin deletes a user after confirming", async ({ page }) => {
  const user = { email: uniqueEmail("delete"), password: "delete-password-1" };
  await addUserAsAdmin(page, user);
  await openUser(page, user.email);
  await page.getByRole("button", { name: "Delete user" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete user" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await expect(page.getByText("No matching users")).toBeVisible();
});

test("disabling the mock client's owner takes its peer off WireGuard; enabling puts it back", async ({ page }) => {
  expect(process.getuid?.(), "this spec needs root: e2e/serve.sh builds the WireGuard data plane only as root").toBe(0);
  await expect.poll(serverHasMockClient).toBe(true);
  await openUser(page, "demo@wiregui.local");
  await saveUser(page, { disabled: true });
  await expect(page.getByText("User saved.")).toBeVisible();
  await expect.poll(serverHasMockClient, { timeout: 10_000 }).toBe(false);

  await saveUser(page, { disabled: false });
  await expect(page.getByText("User saved.")).toBeVisible();
  await expect.poll(serverHasMockClient, { timeout: 10_000 }).toBe(true);
});
