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

const switchLabels = {
  autoCreateUsers: { label: "Create users on first sign-in", badge: "Creates users" },
  linkByEmail: { label: "Link existing accounts by email", badge: "Links by email" },
  requireMfa: { label: "Require the identity provider to report multi-factor authentication", badge: "MFA required" },
} as const;

/** Sets a provider's switches through its Edit dialog and checks the list's badges. */
export async function setProviderSwitches(page: Page, testId: string, switches: Partial<Record<keyof typeof switchLabels, boolean>>) {
  await openAuthenticationTab(page);
  await page.getByTestId(testId).getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog");
  for (const [name, on] of Object.entries(switches)) await dialog.getByLabel(switchLabels[name as keyof typeof switchLabels].label).setChecked(on);
  await dialog.getByRole("button", { name: "Save provider" }).click();
  await expect(dialog).toBeHidden();
  for (const [name, on] of Object.entries(switches)) {
    await expect(page.getByTestId(testId).getByText(switchLabels[name as keyof typeof switchLabels].badge, { exact: true })).toBeVisible({ visible: on });
  }
}

/** Turns "Create users on first sign-in" on or off through the provider's Edit dialog. */
export function setAutoCreate(page: Page, testId: string, on: boolean) {
  return setProviderSwitches(page, testId, { autoCreateUsers: on });
}

/** The newest SSO refusal in the audit log carries this reason code (the person saw only the generic message). */
export async function expectLatestSsoRefusal(page: Page, method: string, reasonCode: string) {
  await page.goto("/admin/audit?action=auth.sso_refused");
  const newest = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") }).first();
  await expect(newest).toContainText("auth.sso_refused");
  await newest.getByText("Show").click();
  await expect(newest.locator("pre")).toContainText(`"reasonCode": "${reasonCode}"`);
  await expect(newest.locator("pre")).toContainText(`"method": "${method}"`);
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
