// API tokens: a user creates one on the account page, the REST API answers it as that user (the
// request also carries the admin's session cookie, which the API ignores), the page shows it was
// used, and once revoked in the UI the next call is 401. An admin sees and revokes a user's token.
import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

test("a user creates a token, calls /api/v0/me with it, revokes it, and the next call is 401", async ({ page, browser, request }) => {
  const user = { email: uniqueEmail("api-token"), password: "api-token-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);

  await userPage.goto("/account");
  const card = userPage.locator("section", { has: userPage.getByRole("heading", { name: "API tokens" }) });
  await expect(card.getByText("No API tokens")).toBeVisible();
  await expect(card.getByRole("link", { name: "API reference (OpenAPI)" })).toHaveAttribute("href", "/api/v0/openapi.json");
  // React resets a <select>'s value when it hydrates: let it finish before changing the form.
  await userPage.waitForLoadState("networkidle");

  // A name is required, said on the field.
  await card.getByRole("button", { name: "Create token" }).click();
  await expect(card.getByText("is required")).toBeVisible();

  await card.getByLabel("Token name").fill("e2e script");
  await card.getByLabel("Expires after").selectOption({ label: "7 days" });
  await card.getByRole("button", { name: "Create token" }).click();
  const dialog = userPage.getByRole("dialog", { name: "Your new API token" });
  await expect(dialog.getByText("this is the only time it is shown")).toBeVisible();
  const token = (await dialog.getByLabel("New API token").textContent())!.trim();
  expect(token).toMatch(/^wgui_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const row = card.getByRole("row", { name: /e2e script/ });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row.getByText(`${token.slice(0, 11)}…`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "Never" })).toHaveCount(1); // last used; it expires in 7 days

  const me = await request.get("/api/v0/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: user.email, role: "unprivileged" });

  await userPage.reload();
  await expect(row.getByRole("cell", { name: "Never" })).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = userPage.getByRole("dialog", { name: "Revoke e2e script?" });
  await expect(confirm.getByText(/loses access to the API at once/)).toBeVisible();
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await request.get("/api/v0/me", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer /);
  expect(await refused.json()).toEqual({ error: expect.stringMatching(/revoked/) });
  await userPage.context().close();
});

test("an admin revokes a user's token from the user's page", async ({ page, browser, request }) => {
  const user = { email: uniqueEmail("api-revoke"), password: "api-revoke-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);
  await userPage.goto("/account");
  await userPage.getByLabel("Token name").fill("ci-token");
  await userPage.getByRole("button", { name: "Create token" }).click();
  const token = (await userPage.getByRole("dialog", { name: "Your new API token" }).getByLabel("New API token").textContent())!.trim();
  await userPage.context().close();
  expect((await request.get("/api/v0/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole("link", { name: user.email, exact: true }).click();
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /ci-token/ });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row.getByRole("cell", { name: "Never" })).toHaveCount(0); // used once above
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke ci-token?" }).getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByText("Revoked")).toBeVisible();
  expect((await request.get("/api/v0/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the OpenAPI document is served without a token", async ({ request }) => {
  const answer = await request.get("/api/v0/openapi.json", { headers: { cookie: "" } });
  expect(answer.status()).toBe(200);
  const document = (await answer.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/me", "/users", "/users/{id}", "/devices", "/devices/{id}", "/configuration"]));
});
