// OIDC single sign-on against a real OpenID Provider (oidc-provider, started by playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import { ageSessions } from "./auth-sessions";
import { admin as e2eAdmin } from "./env";
import { signIn } from "./sign-in";
import { disconnect, expectLatestSsoRefusal, oidcIdp, setAutoCreate, setPrivateIdpNetworks, setProviderSwitches, signedOutPage, ssoTable } from "./sso-helpers";
import { addUserAsAdmin } from "./users";

const LABEL = "E2E OIDC";
const ITEM = "oidc-provider-e2e-oidc";

test.describe.configure({ mode: "serial" });

/** The IdP's login form; with `secondFactor` the ID token reports amr otp and the PAPE multi-factor acr. */
async function loginAtIdp(page: Page, login: string, secondFactor = false) {
  await page.waitForURL(`${oidcIdp.url}/**`);
  await page.locator("#login").fill(login);
  if (secondFactor) await page.getByLabel("Used a second factor").check();
  await page.getByRole("button", { name: "Sign-in" }).click();
}

/** From the sign-in page through the IdP's login form; returns the authorization request's URL. */
async function signInWithOidc(page: Page, login: string, secondFactor = false) {
  await page.goto("/login");
  const authorization = page.waitForRequest((request) => request.url().startsWith(`${oidcIdp.url}/auth?`));
  await page.getByRole("button", { name: `Sign in with ${LABEL}` }).click();
  const url = new URL((await authorization).url());
  await loginAtIdp(page, login, secondFactor);
  await page.waitForURL(/127\.0\.0\.1:3100\/(devices|login)/);
  return url;
}

async function expectRefusedWith(page: Page, code: string, message: RegExp) {
  await expect(page).toHaveURL(new RegExp(`/login\\?error=sso_${code}`));
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(message);
  await page.goto("/devices");
  await expect(page).toHaveURL(/\/login/);
}

test("admin adds an OIDC provider; a loopback IdP needs the private-network switch, an unreachable discovery URL is a field error, and neither saves anything", async ({ page }) => {
  await setPrivateIdpNetworks(page, false);
  await page.getByRole("button", { name: "Add OIDC provider" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill(LABEL);
  await dialog.getByLabel("Client ID").fill(oidcIdp.clientId);
  await dialog.getByLabel("Client secret").fill(oidcIdp.clientSecret);
  await dialog.getByLabel("Discovery URL").fill(`${oidcIdp.url}/.well-known/openid-configuration`);
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog.getByRole("alert")).toContainText('The discovery URL leads to 127.0.0.1, loopback (127.0.0.0/8), which is refused unless "Allow identity providers on private networks" is on');
  await expect(dialog.getByLabel("Discovery URL")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByText("No OIDC providers")).toBeVisible();

  await setPrivateIdpNetworks(page, true);
  await page.getByRole("button", { name: "Add OIDC provider" }).click();
  await dialog.getByLabel("Label").fill(LABEL);
  await dialog.getByLabel("Client ID").fill(oidcIdp.clientId);
  await dialog.getByLabel("Client secret").fill(oidcIdp.clientSecret);
  // Nothing listens on this loopback port.
  await dialog.getByLabel("Discovery URL").fill("http://127.0.0.1:3999/.well-known/openid-configuration");
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The discovery URL could not be fetched");
  await expect(dialog.getByLabel("Discovery URL")).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByText("No OIDC providers")).toBeVisible();

  await page.getByRole("button", { name: "Add OIDC provider" }).click();
  await dialog.getByLabel("Label").fill(LABEL);
  await dialog.getByLabel("Client ID").fill(oidcIdp.clientId);
  await dialog.getByLabel("Client secret").fill(oidcIdp.clientSecret);
  await dialog.getByLabel("Discovery URL").fill(`${oidcIdp.url}/.well-known/openid-configuration`);
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  const item = page.getByTestId(ITEM);
  await expect(item.getByText("Enabled")).toBeVisible();
  await expect(item.getByLabel("Redirect URI", { exact: true })).toHaveText("http://127.0.0.1:3100/api/auth/callback/oidc-e2e-oidc");
});

test("password sign-in cannot be turned off before an administrator has signed in through SSO", async ({ page }) => {
  await page.goto("/admin/settings/security");
  await page.getByRole("button", { name: "Turn password sign-in off" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Password sign-in stays on until an administrator has signed in through an enabled SSO provider");
  await page.reload();
  await expect(page.getByText(/Password sign-in is\s*on/)).toBeVisible();
});

test("auto-create off refuses an unknown user", async ({ browser }) => {
  const page = await signedOutPage(browser);
  await signInWithOidc(page, "stranger@oidc.test");
  await expect(page).toHaveURL(/\/login\?error=sso_unknown_user/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("There is no WireGUI account for you yet. Ask an administrator to create one.");
  await page.goto("/devices");
  await expect(page).toHaveURL(/\/login/);
});

test("an identity with the administrator's email (another subject) is refused, not signed in as the admin, and audited", async ({ page: admin, browser }) => {
  const page = await signedOutPage(browser);
  await signInWithOidc(page, `${e2eAdmin.email}#someone-else`);
  await expectRefusedWith(page, "link_refused", /^This sign-in cannot be joined to an existing WireGUI account automatically/);
  await expectLatestSsoRefusal(admin, "oidc:e2e-oidc", "email_link_disabled");

  // Linking by email on does not change it for an administrator with a password.
  await setProviderSwitches(admin, ITEM, { linkByEmail: true });
  const again = await signedOutPage(browser);
  await signInWithOidc(again, `${e2eAdmin.email}#someone-else`, true);
  await expectRefusedWith(again, "link_refused", /^This sign-in cannot be joined/);
  await expectLatestSsoRefusal(admin, "oidc:e2e-oidc", "email_link_privileged_account");
  await setProviderSwitches(admin, ITEM, { linkByEmail: false });
});

test("a passwordless account another identity created is linked by email only with the switch on", async ({ page: admin, browser }) => {
  const email = `linked-${Date.now().toString(36)}@oidc.test`;
  await setAutoCreate(admin, ITEM, true);
  const first = await signedOutPage(browser);
  await signInWithOidc(first, `${email}#first`);
  await expect(first.getByRole("heading", { name: "My devices" })).toBeVisible();
  await setAutoCreate(admin, ITEM, false);

  const second = await signedOutPage(browser);
  await signInWithOidc(second, `${email}#second`);
  await expectRefusedWith(second, "link_refused", /^This sign-in cannot be joined/);
  await expectLatestSsoRefusal(admin, "oidc:e2e-oidc", "email_link_disabled");

  await setProviderSwitches(admin, ITEM, { linkByEmail: true });
  const linked = await signedOutPage(browser);
  await signInWithOidc(linked, `${email}#second`);
  await expect(linked.getByRole("heading", { name: "My devices" })).toBeVisible();
  await linked.goto("/account");
  await expect(ssoTable(linked).getByRole("row", { name: new RegExp(`sub-${email}#first`) })).toBeVisible();
  await expect(ssoTable(linked).getByRole("row", { name: new RegExp(`sub-${email}#second`) })).toBeVisible();
  await setProviderSwitches(admin, ITEM, { linkByEmail: false });
});

test("required MFA: refused when the ID token reports none, accepted with amr/acr of a second factor; acr_values is requested", async ({ page: admin, browser }) => {
  const email = `mfa-${Date.now().toString(36)}@oidc.test`;
  await setProviderSwitches(admin, ITEM, { requireMfa: true, autoCreateUsers: true });

  const page = await signedOutPage(browser);
  const authorization = await signInWithOidc(page, email);
  expect(authorization.searchParams.get("acr_values")).toBe("http://schemas.openid.net/pape/policies/2007/06/multi-factor phr phrh");
  await expectRefusedWith(page, "mfa_required", /^This sign-in needs multi-factor authentication at your identity provider/);
  await expectLatestSsoRefusal(admin, "oidc:e2e-oidc", "mfa_not_reported");

  const withCode = await signedOutPage(browser);
  await signInWithOidc(withCode, email, true);
  await expect(withCode.getByRole("heading", { name: "My devices" })).toBeVisible();
  await setProviderSwitches(admin, ITEM, { requireMfa: false, autoCreateUsers: false });
});

test("a user with a password connects OIDC from the account page, signs in with it, and a disconnected identity no longer reaches the account", async ({ page: admin, browser }) => {
  const email = `oidc-${Date.now().toString(36)}@oidc.test`;
  const password = "oidc-user-password-1";
  await addUserAsAdmin(admin, { email, password });

  // Matching by email does not reach an account with a password: it connects while signed in.
  const refused = await signedOutPage(browser);
  await signInWithOidc(refused, email);
  await expectRefusedWith(refused, "link_refused", /^This sign-in cannot be joined/);
  const page = await signedOutPage(browser);
  await signIn(page, email, password);
  await page.goto("/account");
  await page.getByRole("button", { name: `Connect ${LABEL}` }).click();
  await loginAtIdp(page, email);
  await page.waitForURL(/\/account/);
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await page.waitForURL(/\/login/);

  await signInWithOidc(page, email);
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText(`(oidc:e2e-oidc)`)).toBeVisible();
  const row = ssoTable(page).getByRole("row", { name: new RegExp(LABEL) });
  await expect(row).toContainText(email);
  await expect(row).toContainText(`sub-${email}`);
  await expect(row.getByText("Active")).toBeVisible();

  // The admin sees the same table on the user's page.
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: email }).click();
  await expect(ssoTable(admin).getByRole("row", { name: new RegExp(LABEL) })).toContainText("Active");

  await disconnect(page, LABEL);
  await expect(page.getByText("No single sign-on connections")).toBeVisible();
  await expect(page.getByRole("button", { name: `Connect ${LABEL}` })).toBeVisible();

  const again = await signedOutPage(browser);
  await signInWithOidc(again, email);
  await expect(again).toHaveURL(/\/login\?error=sso_disconnected/);
  await expect(again.getByRole("main").getByRole("alert")).toContainText("This sign-in was disconnected from its WireGUI account");

  // Connecting it again from the account page restores it.
  await page.getByRole("button", { name: `Connect ${LABEL}` }).click();
  await loginAtIdp(page, email);
  await page.waitForURL(/\/account/);
  await expect(ssoTable(page).getByRole("row", { name: new RegExp(LABEL) }).getByText("Active")).toBeVisible();
});

test("auto-create on creates an unprivileged user whose only way in cannot be disconnected", async ({ page: admin, browser }) => {
  await setAutoCreate(admin, ITEM, true);
  const email = `new-${Date.now().toString(36)}@oidc.test`;
  const page = await signedOutPage(browser);
  await signInWithOidc(page, email);
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);

  await page.goto("/account");
  await expect(page.getByText("Your account signs in with single sign-on and has no local password.")).toBeVisible();
  await disconnect(page, LABEL);
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("This is your last way to sign in");
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(ssoTable(page).getByRole("row", { name: new RegExp(LABEL) }).getByText("Active")).toBeVisible();
  await setAutoCreate(admin, ITEM, false);
});

test("a user without a password confirms through the provider before creating an API token", async ({ page: admin, browser }) => {
  await setAutoCreate(admin, ITEM, true);
  const email = `reauth-${Date.now().toString(36)}@oidc.test`;
  const page = await signedOutPage(browser);
  await signInWithOidc(page, email);
  await setAutoCreate(admin, ITEM, false);
  await ageSessions(email, 6);

  await page.goto("/account");
  await page.waitForLoadState("networkidle");
  const card = page.locator("section", { has: page.getByRole("heading", { name: "API tokens" }) });
  await card.getByLabel("Token name").fill("sso script");
  await card.getByRole("button", { name: "Create token" }).click();
  const prompt = page.getByRole("dialog", { name: "Confirm it is you" });
  await expect(prompt.getByText("Sign in again with your identity provider")).toBeVisible();
  await prompt.getByRole("button", { name: `Sign in with ${LABEL}` }).click();
  await page.waitForURL(`${oidcIdp.url}/**`);
  await page.locator("#login").fill(email);
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL(/127\.0\.0\.1:3100\/account/);

  // The fresh sign-in counts for five minutes: the token is created without another prompt.
  await page.waitForLoadState("networkidle");
  await card.getByLabel("Token name").fill("sso script");
  await card.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("dialog", { name: "Your new API token" }).getByLabel("New API token")).toHaveText(/^wgui_/);
  await expect(prompt).toBeHidden();
  await page.context().close();
});
