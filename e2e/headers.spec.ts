// Security headers on every page, public and signed in, and no Content Security Policy violation
// in Chromium on any of them: Next's own scripts carry the request's nonce, the SSO buttons reach
// the identity providers (form-action), the device dialog draws its QR code and the device page
// its chart.
import { expect, test, type Browser, type Page, type Response } from "@playwright/test";
import { query } from "./database";
import { admin } from "./env";
import { signIn } from "./sign-in";
import { oidcIdp, samlIdp, setPrivateIdpNetworks, signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

const OIDC_LABEL = "CSP OIDC";
const SAML_LABEL = "CSP SAML";

test.describe.configure({ mode: "serial" });

/** Every CSP violation and page error the page reports, from now on and across navigations. */
async function watchForViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|CSP violation|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

/** The headers and the nonce of a page response: every script in the HTML carries this request's nonce. */
async function expectSecureHeaders(response: Response | null): Promise<string> {
  expect(response, "a response").not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in the policy of ${response!.url()}: ${policy}`).toBeTruthy();
  const scriptSrc = policy.split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"]) expect(policy).toContain(directive);
  expect(policy).toMatch(/(^|; )form-action 'self'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  // EXTERNAL_URL is http here: no HSTS (it would pin a host that has no HTTPS).
  expect(headers["strict-transport-security"]).toBeUndefined();
  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script, `a script without this request's nonce on ${response!.url()}`).toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function visit(page: Page, path: string, status = 200): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  const nonce = await expectSecureHeaders(response);
  await page.waitForLoadState("networkidle");
  return nonce;
}

async function newSignedInPage(browser: Browser, email: string, password: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const problems = await watchForViolations(page);
  await signIn(page, email, password);
  return { page, context, problems };
}

test.afterAll(async () => {
  // Leave the SSO specs their empty provider lists.
  await query("DELETE FROM oidc_providers WHERE label = $1", [OIDC_LABEL]);
  await query("DELETE FROM saml_providers WHERE label = $1", [SAML_LABEL]);
});

test("every admin page has the headers, a fresh nonce on each load and no CSP violation", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchForViolations(page);
  const [adminRow] = await query<{ id: string }>("SELECT id FROM users WHERE email = $1", [admin.email]);
  const pages = [
    "/",
    "/devices",
    "/account",
    "/admin/users",
    `/admin/users/${adminRow!.id}`,
    "/admin/devices",
    "/admin/rules",
    "/admin/settings",
    "/admin/settings/security",
    "/admin/settings/authentication",
    "/admin/audit",
    "/admin/diagnostics",
  ];
  const nonces = new Set<string>();
  for (const path of pages) nonces.add(await visit(page, path));
  nonces.add(await visit(page, "/devices"));
  expect(nonces.size).toBe(pages.length + 1);
  await visit(page, "/no-such-page", 404);

  // Client-side navigation and the live refreshes run under the same policy.
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Devices" }).first().click();
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("a device page with its traffic chart, and the admin overview's chart, raise no CSP violation", async ({ page }) => {
  test.setTimeout(90_000);
  const problems = await watchForViolations(page);
  await visit(page, "/admin/devices?q=wguec1");
  const link = page.getByRole("link", { name: "wguec1", exact: true });
  await expect(link, "the e2e mock client (e2e/serve.sh, as root)").toBeVisible();
  const href = await link.getAttribute("href");
  await visit(page, href!);
  await page.getByRole("button", { name: "15 min" }).click();
  await expect(page.getByTestId("traffic-chart").locator("svg.recharts-surface").first()).toBeVisible({ timeout: 30_000 });
  await visit(page, "/");
  await page.waitForTimeout(1_000);
  expect(problems).toEqual([]);
});

test("a user's pages: the device dialog with its QR code, the 403 page, and no CSP violation", async ({ page, browser }) => {
  const user = { email: uniqueEmail("csp"), password: "csp-user-password-1" };
  await addUserAsAdmin(page, user);
  const { page: userPage, context, problems } = await newSignedInPage(browser, user.email, user.password);
  await visit(userPage, "/devices");
  await userPage.getByRole("button", { name: "Add device" }).click();
  const dialog = userPage.getByRole("dialog", { name: "Add a device" });
  await dialog.getByLabel("Name").fill("csp-laptop");
  await dialog.getByRole("button", { name: "Create device" }).click();
  const ready = userPage.getByRole("dialog", { name: "csp-laptop is ready" });
  await expect(ready.getByRole("img", { name: "QR code" }).locator("svg")).toBeVisible();
  await ready.getByRole("button", { name: "Close" }).click();
  await userPage.getByRole("link", { name: "csp-laptop" }).click();
  await expect(userPage.getByRole("heading", { name: "csp-laptop" })).toBeVisible();
  await expectSecureHeaders(await userPage.reload());
  await visit(userPage, "/account");
  await visit(userPage, "/admin/users", 403);
  expect(problems).toEqual([]);
  await context.close();
});

test("the sign-in pages, with SSO buttons that reach the identity providers, raise no CSP violation", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The test IdPs listen on loopback (the switch opens the Authentication tab).
  await setPrivateIdpNetworks(page, true);
  await page.getByRole("button", { name: "Add OIDC provider" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill(OIDC_LABEL);
  await dialog.getByLabel("Client ID").fill(oidcIdp.clientId);
  await dialog.getByLabel("Client secret").fill(oidcIdp.clientSecret);
  await dialog.getByLabel("Discovery URL").fill(`${oidcIdp.url}/.well-known/openid-configuration`);
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Add SAML provider" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill(SAML_LABEL);
  await dialog.getByLabel("From a URL").check();
  await dialog.getByLabel("Metadata URL").fill(samlIdp.metadataUrl);
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();

  const signedOut = await signedOutPage(browser);
  const problems = await watchForViolations(signedOut);
  await visit(signedOut, "/login");
  const loginPolicy = (await signedOut.request.get("/login")).headers()["content-security-policy"] ?? "";
  // The SAML button's form posts here and is redirected to the IdP: form-action names its origin.
  expect(loginPolicy).toMatch(new RegExp(`form-action 'self' ${samlIdp.url.replaceAll(".", "\\.")}(;|$)`));
  await visit(signedOut, "/login/sso");

  await signedOut.goto("/login");
  await signedOut.getByRole("button", { name: `Sign in with ${SAML_LABEL}` }).click();
  await signedOut.waitForURL(`${samlIdp.url}/**`);
  await signedOut.goto("/login");
  await signedOut.getByRole("button", { name: `Sign in with ${OIDC_LABEL}` }).click();
  await signedOut.waitForURL(`${oidcIdp.url}/**`);
  expect(problems.filter((problem) => problem.startsWith("http://127.0.0.1:3100"))).toEqual([]);
  expect(problems.filter((problem) => /form-action/.test(problem))).toEqual([]);

  // Pages without SAML forms keep form-action to our own origin.
  const devicesPolicy = (await page.request.get("/devices")).headers()["content-security-policy"] ?? "";
  expect(devicesPolicy).toMatch(/form-action 'self';/);
  await signedOut.context().close();
});
