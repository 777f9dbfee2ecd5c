// SAML single sign-on against a real IdP: SimpleSAMLphp from Debian (started by playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import { generate } from "selfsigned";
import { inflateRawSync } from "node:zlib";
import { signIn } from "./sign-in";
import { disconnect, expectLatestSsoRefusal, openAuthenticationTab, samlIdp, setPrivateIdpNetworks, setProviderSwitches, signedOutPage, ssoTable } from "./sso-helpers";
import { addUserAsAdmin } from "./users";

const LABEL = "E2E SAML";
const ITEM = "saml-provider-e2e-saml";

test.describe.configure({ mode: "serial" });

async function idpMetadataWithExpiredCertificate(): Promise<string> {
  const year = 365 * 24 * 3600 * 1000;
  const pems = await generate([{ name: "commonName", value: "expired-idp" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(Date.now() - 2 * year),
    notAfterDate: new Date(Date.now() - year),
  });
  const body = pems.cert.replace(/-----[A-Z ]+-----|\s/g, "");
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://expired.idp.test">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://expired.idp.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

/** Pastes metadata XML into the Add dialog and expects it refused on the metadata field. */
async function expectMetadataRefused(page: Page, xml: string, message: RegExp) {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Paste XML").check();
  await dialog.getByLabel("Metadata XML").fill(xml);
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(message);
  await expect(dialog.getByLabel("Metadata XML")).toHaveAttribute("aria-invalid", "true");
}

/** The IdP's login form, after which it auto-POSTs the response to the ACS. */
async function loginAtIdp(page: Page, username: string) {
  await page.waitForURL(`${samlIdp.url}/**`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}-pass`);
  await page.getByRole("button", { name: "Login" }).click();
}

/** SP-initiated: our button, the IdP's login form, its auto-POST back to the ACS. Returns the AuthnRequest XML. */
async function signInWithSaml(page: Page, username: string) {
  await page.goto("/login");
  const redirect = page.waitForRequest((request) => request.url().startsWith(`${samlIdp.url}/simplesaml/saml2/idp/SSOService.php?`));
  await page.getByRole("button", { name: `Sign in with ${LABEL}` }).click();
  const samlRequest = new URL((await redirect).url()).searchParams.get("SAMLRequest") ?? "";
  await loginAtIdp(page, username);
  await page.waitForURL(/127\.0\.0\.1:3100\/(devices|login\?)/);
  return inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
}

test("admin adds a SAML provider; garbage metadata and an expired certificate are field errors and save nothing", async ({ page }) => {
  // SimpleSAMLphp runs on loopback.
  await setPrivateIdpNetworks(page, true);
  await page.getByRole("button", { name: "Add SAML provider" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill(LABEL);
  await expectMetadataRefused(page, "this is not <xml", /The metadata is not valid XML/);
  await expectMetadataRefused(page, await idpMetadataWithExpiredCertificate(), /The metadata has only expired signing certificates \(the newest expired \d{4}-\d\d-\d\d\)/);
  await dialog.getByLabel("From a URL").check();
  await dialog.getByLabel("Metadata URL").fill("http://127.0.0.1:3999/metadata.xml");
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/The metadata could not be fetched/);
  await page.reload();
  await expect(page.getByText("No SAML providers")).toBeVisible();

  await page.getByRole("button", { name: "Add SAML provider" }).click();
  await dialog.getByLabel("Label").fill(LABEL);
  await dialog.getByLabel("From a URL").check();
  await dialog.getByLabel("Metadata URL").fill(samlIdp.metadataUrl.replace("http://", "https://"));
  await expect(dialog.getByText("This metadata URL is plain http")).toHaveCount(0);
  await dialog.getByLabel("Metadata URL").fill(samlIdp.metadataUrl);
  // Plain http is a warning, not a refusal (the test IdP has no TLS).
  await expect(dialog.getByRole("status").filter({ hasText: "This metadata URL is plain http" })).toBeVisible();
  await dialog.getByLabel("Name attribute").fill("displayName");
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  const item = page.getByTestId(ITEM);
  await expect(item.getByText("Enabled")).toBeVisible();
  await expect(item.getByLabel("SP metadata URL", { exact: true })).toHaveText("http://127.0.0.1:3100/api/auth/saml/e2e-saml/metadata");
  await expect(item.getByLabel("ACS URL", { exact: true })).toHaveText("http://127.0.0.1:3100/api/auth/saml/e2e-saml/acs");
  await expect(item).toContainText(samlIdp.metadataUrl);

  // The SP metadata the IdP admin is pointed at: our entity id, ACS and signing certificate.
  const metadata = await (await page.request.get("/api/auth/saml/e2e-saml/metadata")).text();
  expect(metadata).toContain('entityID="http://127.0.0.1:3100/api/auth/saml/e2e-saml/metadata"');
  expect(metadata).toContain('Location="http://127.0.0.1:3100/api/auth/saml/e2e-saml/acs"');
  expect(metadata).toContain("X509Certificate");
});

test("auto-create off refuses an unknown SAML user", async ({ browser }) => {
  const page = await signedOutPage(browser);
  await signInWithSaml(page, "stranger");
  await expect(page).toHaveURL(/\/login\?error=sso_unknown_user/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("There is no WireGUI account for you yet. Ask an administrator to create one.");
});

test("an identity with the administrator's email is refused and audited, with or without linking by email", async ({ page: admin, browser }) => {
  const page = await signedOutPage(browser);
  await signInWithSaml(page, "mallory");
  await expect(page).toHaveURL(/\/login\?error=sso_link_refused/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^This sign-in cannot be joined to an existing WireGUI account automatically/);
  await expectLatestSsoRefusal(admin, "saml:e2e-saml", "email_link_disabled");

  await setProviderSwitches(admin, ITEM, { linkByEmail: true });
  const again = await signedOutPage(browser);
  await signInWithSaml(again, "mallory");
  await expect(again).toHaveURL(/\/login\?error=sso_link_refused/);
  await again.goto("/devices");
  await expect(again).toHaveURL(/\/login/);
  await expectLatestSsoRefusal(admin, "saml:e2e-saml", "email_link_privileged_account");
  await setProviderSwitches(admin, ITEM, { linkByEmail: false });
});

test("required MFA: RequestedAuthnContext is sent; an assertion with Password is refused, one with REFEDS MFA accepted", async ({ page: admin, browser }) => {
  await setProviderSwitches(admin, ITEM, { requireMfa: true, autoCreateUsers: true });

  const page = await signedOutPage(browser);
  const request = await signInWithSaml(page, "stranger");
  expect(request).toMatch(/<samlp:RequestedAuthnContext[^>]* Comparison="exact"/);
  expect(request).toContain(">https://refeds.org/profile/mfa</saml:AuthnContextClassRef>");
  await expect(page).toHaveURL(/\/login\?error=sso_mfa_required/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^This sign-in needs multi-factor authentication at your identity provider/);
  await expectLatestSsoRefusal(admin, "saml:e2e-saml", "mfa_not_reported");

  const carol = await signedOutPage(browser);
  await signInWithSaml(carol, "carol");
  await expect(carol.getByRole("heading", { name: "My devices" })).toBeVisible();
  await setProviderSwitches(admin, ITEM, { requireMfa: false, autoCreateUsers: false });

  // Without the requirement, no authentication context is asked for.
  const plain = await signedOutPage(browser);
  expect(await signInWithSaml(plain, "carol")).not.toContain("RequestedAuthnContext");
});

test("a user with a password connects SAML from the account page, signs in with it, and disconnects it", async ({ page: admin, browser }) => {
  // Four round trips through the IdP and a password sign-in: more than the default minute on two shared cores.
  test.slow();
  await addUserAsAdmin(admin, { email: "bob@saml.test", password: "bob-local-password-1" });

  // Matching by email does not reach an account with a password: it connects while signed in.
  const refused = await signedOutPage(browser);
  await signInWithSaml(refused, "bob");
  await expect(refused).toHaveURL(/\/login\?error=sso_link_refused/);
  // Each browser context gets its own IdP session (SimpleSAMLphp would otherwise skip its login form).
  const connecting = await signedOutPage(browser);
  await signIn(connecting, "bob@saml.test", "bob-local-password-1");
  await connecting.goto("/account");
  await connecting.getByRole("button", { name: `Connect ${LABEL}` }).click();
  await loginAtIdp(connecting, "bob");
  await connecting.waitForURL(/\/account/);
  await expect(ssoTable(connecting).getByRole("row", { name: new RegExp(LABEL) }).getByText("Active")).toBeVisible();

  const page = await signedOutPage(browser);
  await signInWithSaml(page, "bob");
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("(saml:e2e-saml)")).toBeVisible();
  const row = ssoTable(page).getByRole("row", { name: new RegExp(LABEL) });
  await expect(row).toContainText("bob@saml.test");
  await expect(row.getByText("Active")).toBeVisible();

  await disconnect(page, LABEL);
  await expect(page.getByText("No single sign-on connections")).toBeVisible();
  const again = await signedOutPage(browser);
  await signInWithSaml(again, "bob");
  await expect(again).toHaveURL(/\/login\?error=sso_disconnected/);
});

test("a disabled provider shows on the connection and its button leaves the sign-in page", async ({ page: admin, browser }) => {
  await addUserAsAdmin(admin, { email: "alice@saml.test", password: "alice-local-password-1" });
  const page = await signedOutPage(browser);
  await signIn(page, "alice@saml.test", "alice-local-password-1");
  await page.goto("/account");
  await page.getByRole("button", { name: `Connect ${LABEL}` }).click();
  await loginAtIdp(page, "alice");
  await page.waitForURL(/\/account/);
  await page.goto("/devices");
  await expect(page.getByRole("heading", { name: "My devices" })).toBeVisible();

  await openAuthenticationTab(admin);
  await admin.getByTestId(ITEM).getByRole("button", { name: "Edit" }).click();
  await admin.getByRole("dialog").getByLabel("Enabled").uncheck();
  await admin.getByRole("dialog").getByRole("button", { name: "Save provider" }).click();
  await expect(admin.getByTestId(ITEM).getByText("Disabled")).toBeVisible();

  await page.goto("/account");
  await expect(ssoTable(page).getByRole("row", { name: new RegExp(LABEL) }).getByText("Provider disabled")).toBeVisible();
  const visitor = await signedOutPage(browser);
  await visitor.goto("/login");
  await expect(visitor.getByRole("button", { name: `Sign in with ${LABEL}` })).toHaveCount(0);
});
