// The audit log and diagnostics against the built app: a change made in the UI is recorded with the
// browser's address and user agent, filters narrow the list, sign-ins and sign-outs appear, bad
// filters are explained, and (as root, with e2e/serve.sh's data plane) diagnostics show the
// WireGuard interface, its peers, the collector, PostgreSQL and VictoriaMetrics as they are.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { admin } from "./env";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

/** The audit table's data rows (the header row left out). */
const eventRows = (page: Page) => page.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") });

/** A card (section) found by the start of its heading; status badges are part of the heading. */
const card = (page: Page, title: string) => page.locator("section", { has: page.getByRole("heading", { name: new RegExp(`^${title}`) }) });

/** A card's label/value rows as an object. */
async function facts(section: Locator): Promise<Record<string, string>> {
  const terms = await section.locator("dt").allTextContents();
  const values = await section.locator("dd").allTextContents();
  return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? ""]));
}

async function expectFromBrowser(row: Locator, userAgent: string) {
  await expect(row.getByText("127.0.0.1", { exact: true })).toBeVisible();
  await expect(row.locator(`[title="${userAgent}"]`)).toBeVisible();
}

test("an admin's change is recorded with the browser's address and user agent; action and target filters narrow the list", async ({ page }) => {
  const userAgent = await page.evaluate(() => navigator.userAgent);
  expect(userAgent).toMatch(/Chrome\/\d+/);
  const user = { email: uniqueEmail("audited"), password: "audited-password-1" };
  await addUserAsAdmin(page, user);
  await page.getByRole("link", { name: user.email, exact: true }).click();
  await expect(page.getByRole("heading", { name: user.email })).toBeVisible();
  const userId = page.url().split("/").at(-1)!;
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Role").selectOption({ label: "Administrator" });
  await page.getByRole("button", { name: "Save user" }).click();
  await expect(page.getByText("User saved.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // Newest first: the edit just made.
  const newest = eventRows(page).first();
  await expect(newest).toContainText("User updated");
  await expect(newest).toContainText("user.updated");
  await expect(newest.getByRole("link", { name: admin.email })).toHaveAttribute("href", /\/admin\/users\/[0-9a-f-]{36}$/);
  await expect(newest.getByRole("link", { name: `Events for user ${userId}` })).toBeVisible();
  await expectFromBrowser(newest, userAgent);
  await newest.getByText("Show").click();
  await expect(newest.locator("pre")).toContainText('"role": "admin"');

  // Filtering by action keeps only that action.
  const unfiltered = Number((await page.getByRole("heading", { name: /^\d+ events?$/ }).textContent())!.split(" ")[0]);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Action").selectOption("user.updated");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\.updated/);
  const matching = page.getByRole("heading", { name: /^\d+ matching events?$/ });
  await expect(matching).toBeVisible();
  const filtered = Number((await matching.textContent())!.split(" ")[0]);
  expect(filtered).toBeGreaterThanOrEqual(1);
  expect(filtered).toBeLessThan(unfiltered);
  const codes = await eventRows(page).locator("code").allTextContents();
  expect(codes.length).toBe(Math.min(filtered, 50));
  expect(new Set(codes)).toEqual(new Set(["user.updated"]));

  // The target link shows this user's whole history: created, then updated.
  await eventRows(page).first().getByRole("link", { name: `Events for user ${userId}` }).click();
  await expect(page).toHaveURL(new RegExp(`target=${userId}`));
  await expect(page.getByRole("heading", { name: "2 matching events" })).toBeVisible();
  expect(await eventRows(page).locator("code").allTextContents()).toEqual(["user.updated", "user.created"]);
});

test("sign-ins, a failed one and a sign-out appear with the address and user agent", async ({ page, browser }) => {
  const user = { email: uniqueEmail("signin"), password: "signin-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  const userAgent = await userPage.evaluate(() => navigator.userAgent);
  await userPage.goto("/login");
  await userPage.getByLabel("Email").fill(user.email);
  await userPage.getByLabel("Password").fill("not-the-password-1");
  await userPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(userPage.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await signIn(userPage, user.email, user.password);
  await userPage.getByRole("button", { name: "Sign out" }).first().click();
  await expect(userPage).toHaveURL(/\/login/);

  await page.goto(`/admin/audit?actor=${encodeURIComponent(user.email)}`);
  await expect(page.getByRole("heading", { name: "3 matching events" })).toBeVisible();
  expect(await eventRows(page).locator("code").allTextContents()).toEqual(["auth.sign_out", "auth.sign_in", "auth.sign_in_failed"]);
  for (const row of await eventRows(page).all()) await expectFromBrowser(row, userAgent);
  await expect(eventRows(page).nth(1)).toContainText("Signed in");
});

test("bad filters are ignored with a message saying which", async ({ page }) => {
  await page.goto("/admin/audit?action=user.hacked&from=yesterday&to=2026-02-30");
  const messages = page.getByRole("main").getByRole("status");
  await expect(messages).toContainText('Action: "user.hacked" is not a known action; ignored.');
  await expect(messages).toContainText('From: "yesterday" is not a date (YYYY-MM-DD); ignored.');
  await expect(messages).toContainText('To: "2026-02-30" is not a date (YYYY-MM-DD); ignored.');
  // Nothing left to filter by: every event is listed.
  await expect(page.getByRole("heading", { name: /^\d+ events?$/ })).toBeVisible();
  await expect(page.getByLabel("Action")).toHaveValue("");

  await page.goto("/admin/audit?actor=nobody-at-all-here");
  await expect(page.getByText("No matching events")).toBeVisible();
});

test("an unprivileged user is refused the audit log", async ({ page, browser }) => {
  const user = { email: uniqueEmail("noaudit"), password: "noaudit-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);
  await expect(userPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const response = await userPage.goto("/admin/audit");
  expect(response?.status()).toBe(403);
  await expect(userPage.getByText("You don't have access to this page")).toBeVisible();
});

test("diagnostics show the interface and its peers, the collector, the database and VictoriaMetrics", async ({ page }) => {
  expect(process.getuid?.(), "this spec needs root: e2e/serve.sh builds the WireGuard data plane only as root").toBe(0);
  await page.goto("/admin/diagnostics");
  const wireguard = card(page, "WireGuard interface");
  // The mock client pings through the tunnel every 3 s: wait for a stats cycle that saw it online.
  await expect(async () => {
    await page.reload();
    await expect(wireguard.getByRole("heading")).toHaveText(/^WireGuard interface\s*Up$/);
    expect(Number((await facts(wireguard))["Peers online"])).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 30_000 });
  const interfaceFacts = await facts(wireguard);
  expect(interfaceFacts).toMatchObject({ Interface: "wgues0", "Listen port": "51820" });
  expect(interfaceFacts["Public key"]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  for (const name of ["Peers configured", "Peers on the interface", "Peers online"]) expect(Number(interfaceFacts[name])).toBeGreaterThanOrEqual(1);

  const collector = card(page, "Collector");
  await expect(collector.getByRole("heading")).toHaveText(/^Collector\s*Running$/);
  const collectorFacts = await facts(collector);
  expect(collectorFacts).toMatchObject({ "Runs in": "the collector", "Last error": "None" });
  expect(collectorFacts["Last cycle"]).toMatch(/^\d+ s ago · /);
  expect(collectorFacts["Last VictoriaMetrics push"]).toMatch(/^\d+ s ago · /);

  // The collector masquerades the tunnel networks for full-tunnel clients (the defaults: both families).
  const nat = card(page, "Summary").getByRole("listitem").filter({ hasText: "NAT for full-tunnel clients" });
  await expect(nat).toContainText(/IPv4 masquerade on, IPv6 masquerade on, egress through any interface but wgues0\. The collector applied it \d+ s ago/);
  await expect(nat).toContainText("OK");

  await expect(card(page, "Database").getByRole("heading")).toHaveText(/^Database\s*Reachable$/);
  expect((await facts(card(page, "Database")))["Round trip"]).toMatch(/^[\d.]+ ms$/);
  await expect(card(page, "VictoriaMetrics").getByRole("heading")).toHaveText(/^VictoriaMetrics\s*Reachable$/);

  const recent = card(page, "Recent audit events");
  await expect(recent.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell") })).toHaveCount(10);
  await recent.getByRole("link", { name: "Open the audit log →" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});
