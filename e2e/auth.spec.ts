import { readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { admin } from "./env";
import { signIn } from "./sign-in";

test.describe("signed in as the admin", () => {
  test("shows the app shell with the admin navigation", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/devices$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["My devices", "Account", "Users", "Devices", "Rules", "Settings", "Diagnostics"]) {
      await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
    }
    await expect(page.getByText("Administration")).toBeVisible();
    await expect(page.getByText(admin.email).first()).toBeVisible();
  });

  test("diagnostics show the database, migrations and the server keypair created by setup", async ({ page }) => {
    await page.goto("/admin/diagnostics");
    await expect(page.getByText("PostgreSQL answers queries.")).toBeVisible();
    const latest = readdirSync("prisma/migrations").filter((name) => /^\d+_/.test(name)).sort().at(-1);
    await expect(page.getByText(`Latest applied: ${latest}`)).toBeVisible();
    await expect(page.getByText(/Public key [A-Za-z0-9+/]{43}=/)).toBeVisible();
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sends visitors to the sign-in page", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows an error and signs nobody in", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("definitely-not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Incorrect email or password.");
    await page.goto("/devices");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("session cookies are HttpOnly and SameSite", async ({ page, context }) => {
    await signIn(page, admin.email, admin.password);
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  test("health answers ok with the database up", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
