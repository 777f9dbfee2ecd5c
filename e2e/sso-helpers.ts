// Shared steps of the SSO specs: the admin's Authentication tab and a fresh, signed-out browser.
import { expect, type Browser, type Page } from "@playwright/test";

export const oidcIdp = { url: "http://127.0.0.1:3101", clientId: "wiregui-e2e", clientSecret: "wiregui-e2e-secret-0123456789abcdef" };
export const samlIdp = { url: "http://127.0.0.1:3102", metadataUrl: "http://127.0.0.1:3102/simplesaml/saml2/idp/metadata.php" };

export async function openAuthenticationTab(page: Page) {
  await page.goto("/admin/settings/authentication");
  await expect(page.getByRole("heading", { name: "OIDC providers", exact: true })).toBeVisible();
}

export async function signedOutPage(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/** Turns "Create users on first sign-in" on or off through the provider's Edit dialog. */
export async function setAutoCreate(page: Page, testId: string, on: boolean) {
  await openAuthenticationTab(page);
  await page.getByTestId(testId).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Create users on first sign-in").setChecked(on);
  await dialog.getByRole("button", { name: "Save provider" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(testId).getByText("Creates users")).toBeVisible({ visible: on });
}

/** The account page's SSO table, and disconnecting a row. */
export function ssoTable(page: Page) {
  return page.getByRole("table", { name: "SSO connections" });
}

export async function disconnect(page: Page, providerLabel: string) {
  await ssoTable(page).getByRole("row", { name: new RegExp(providerLabel) }).getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
}

/**
 * The test IdPs run on loopback, which the server refuses to reach until an admin allows identity
 * providers on private networks: turns that switch on (or off) on the Authentication tab.
 */
export async function setPrivateIdpNetworks(page: Page, on: boolean) {
  await openAuthenticationTab(page);
  await page.getByLabel("Allow identity providers on private networks").setChecked(on);
  await page.getByRole("button", { name: "Save network setting" }).click();
  await expect(page.getByText("Identity provider network setting saved.")).toBeVisible();
}
