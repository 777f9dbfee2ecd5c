// TOTP end to end: a user the admin created enrols an authenticator (the test reads the secret the
// dialog shows and computes codes with lib/mfa/totp.ts, as an app would), then must give a code after
// the password; the admin's reset lets the password alone in again.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { totpAt } from "../lib/mfa/totp";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

/** A six-digit code that matches no step near now. */
function wrongCode(secret: string): string {
  const near = new Set([-2, -1, 0, 1, 2, 3].map((offset) => totpAt(secret, Date.now() + offset * 30_000)));
  return ["000000", "111111", "222222", "333333", "444444", "555555", "666666"].find((code) => !near.has(code))!;
}

/** The enrolment used the current step's code: the next step's is accepted (±1 window) and unused. */
const nextCode = (secret: string) => totpAt(secret, Date.now() + 30_000);

function mfaCard(page: Page): Locator {
  return page.locator("section", { has: page.getByRole("heading", { name: /Two-factor authentication/ }) });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

async function submitPassword(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a user enrols TOTP and must give a code to sign in; the admin's reset lets the password alone in", async ({ page, browser }) => {
  // Seven password checks and two browsers on a shared two-core machine: more than the default minute.
  test.setTimeout(180_000);
  const user = { email: uniqueEmail("mfa"), password: "mfa-password-123" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);

  // Enrolment: a wrong code is a field error and saves nothing; the right one saves the method.
  await userPage.goto("/account");
  const card = mfaCard(userPage);
  await expect(card.getByText("No authenticators")).toBeVisible();
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  await card.getByRole("button", { name: "Add authenticator" }).click();
  const dialog = userPage.getByRole("dialog", { name: "Add an authenticator" });
  await expect(dialog.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = ((await dialog.getByLabel("Secret key", { exact: true }).textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await dialog.getByLabel("Name").fill("Work phone");
  await dialog.getByLabel("Code", { exact: true }).fill(wrongCode(secret));
  await dialog.getByRole("button", { name: "Verify and save" }).click();
  await expect(dialog.getByText("does not match: enter the current code from your app")).toBeVisible();
  await userPage.reload();
  await expect(mfaCard(userPage).getByText("No authenticators")).toBeVisible();

  await mfaCard(userPage).getByRole("button", { name: "Add authenticator" }).click();
  const secondSecret = ((await dialog.getByLabel("Secret key", { exact: true }).textContent()) ?? "").replace(/\s/g, "");
  expect(secondSecret).not.toBe(secret);
  await dialog.getByLabel("Name").fill("Work phone");
  await dialog.getByLabel("Code", { exact: true }).fill(totpAt(secondSecret, Date.now()));
  await dialog.getByRole("button", { name: "Verify and save" }).click();
  await expect(dialog).toBeHidden();
  await expect(mfaCard(userPage).getByText("Work phone")).toBeVisible();
  await expect(mfaCard(userPage).getByText("On", { exact: true })).toBeVisible();
  await expect(mfaCard(userPage).getByText("never used to sign in")).toBeVisible();

  // The password alone no longer signs in: the form asks for the code; a wrong one is refused.
  await signOut(userPage);
  await submitPassword(userPage, user.email, user.password);
  const codeField = userPage.getByLabel("Authentication code");
  await expect(codeField).toBeVisible();
  await userPage.goto("/devices");
  await expect(userPage).toHaveURL(/\/login/);

  await submitPassword(userPage, user.email, user.password);
  await codeField.fill(wrongCode(secondSecret));
  await userPage.getByRole("button", { name: "Verify" }).click();
  await expect(userPage.getByRole("main").getByRole("alert")).toHaveText("The code is incorrect or was already used. Wait for the next one.");
  await expect(codeField).toHaveAttribute("aria-invalid", "true");
  await codeField.fill(nextCode(secondSecret));
  await userPage.getByRole("button", { name: "Verify" }).click();
  await expect(userPage.getByRole("heading", { name: "My devices" })).toBeVisible();
  await userPage.goto("/account");
  await expect(mfaCard(userPage).getByText(/last used/)).toBeVisible();

  // The admin sees the method on the user's page and resets it after confirming.
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole("link", { name: user.email, exact: true }).click();
  await expect(page.getByRole("heading", { name: user.email })).toBeVisible();
  const adminCard = mfaCard(page);
  await expect(adminCard.getByText("Work phone")).toBeVisible();
  await adminCard.getByRole("button", { name: "Reset MFA" }).click();
  await page.getByRole("dialog", { name: "Reset two-factor authentication?" }).getByRole("button", { name: "Reset MFA" }).click();
  await expect(adminCard.getByText("No authenticators")).toBeVisible();
  await expect(adminCard.getByRole("button", { name: "Reset MFA" })).toHaveCount(0);

  // The password alone signs in again.
  await signOut(userPage);
  await signIn(userPage, user.email, user.password);
  await userPage.goto("/account");
  await expect(mfaCard(userPage).getByText("No authenticators")).toBeVisible();
});
