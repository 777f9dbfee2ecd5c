// The Security settings tab: the VPN session duration (kept after a reload, a refused value named on
// its field, session status on the admin user page and the user's devices page, and, as root on the
// e2e data plane, a never-signed-in owner's peer leaving `wg show` and coming back with "Never"),
// password sign-in shown there, the device switches working from their new place, and the client
// isolation switches (kept after a reload, applied by the e2e collector to nftables and shown on
// Diagnostics, a value the form never sends refused on its field).
import { execFileSync } from "node:child_process";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { serverEnv } from "./env";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

const wg = (netns: string, args: string[]) => execFileSync("ip", ["netns", "exec", netns, "wg", "show", ...args], { encoding: "utf8" });

/** Whether the e2e collector's forward chain drops traffic between clients (peer to peer off). */
function isPeerToPeerDropped(): boolean {
  const chain = execFileSync("ip", ["netns", "exec", "wgue-srv", "nft", "list", "chain", "inet", "wiregui", "forward"], { encoding: "utf8" });
  return chain.includes('iifname "wgues0" oifname "wgues0" counter');
}

/** Whether the e2e server interface (e2e/serve.sh) has the mock client, a device of the demo user who never signs in. */
function serverHasMockClient(): boolean {
  const clientKey = wg("wgue-c1", ["wguec1", "public-key"]).trim();
  return wg("wgue-srv", ["wgues0", "peers"]).split("\n").includes(clientKey);
}

async function openSecurityTab(page: Page) {
  await page.goto("/admin/settings/security");
  await expect(page.getByRole("heading", { name: "VPN sessions" })).toBeVisible();
  // React resets a <select>'s value when it hydrates: let it finish before changing the form.
  await page.waitForLoadState("networkidle");
}

async function setDuration(page: Page, label: string) {
  await openSecurityTab(page);
  await page.getByLabel("VPN session duration").selectOption({ label });
  await page.getByRole("button", { name: "Save session duration" }).click();
  await expect(page.getByText("VPN session duration saved.")).toBeVisible();
}

async function openUser(page: Page, email: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email, exact: true }).click();
  await expect(page.getByRole("heading", { name: email })).toBeVisible();
}

/** Moves a user's last sign-in into the past: the only way to age a session without waiting. */
async function backdateSignIn(email: string, hoursAgo: number) {
  const client = new pg.Client({ connectionString: serverEnv.DATABASE_URL });
  await client.connect();
  try {
    await client.query("UPDATE users SET last_sign_in_at = now() - make_interval(hours => $2) WHERE email = $1", [email, hoursAgo]);
  } finally {
    await client.end();
  }
}

test("the admin sets the VPN session duration: kept after a reload, shown per user, enforced on WireGuard", async ({ page, browser }) => {
  await openSecurityTab(page);
  await expect(page.getByText(/Password sign-in is\s*on/)).toBeVisible();
  await expect(page.getByLabel("VPN session duration")).toHaveValue("never");
  await expect.poll(serverHasMockClient).toBe(true);

  try {
    await setDuration(page, "1 day");
    await page.reload();
    await expect(page.getByLabel("VPN session duration")).toHaveValue("86400");
    // The demo user owns the mock client and has never signed in: no session, so its peer goes.
    await expect(page.getByTestId("users-without-session")).toContainText("disconnected right now");
    await expect.poll(serverHasMockClient, { timeout: 10_000 }).toBe(false);
    await openUser(page, "demo@wiregui.local");
    await expect(page.getByText("Not signed in yet")).toBeVisible();

    // A value the list does not offer is refused on its field and changes nothing.
    await openSecurityTab(page);
    await page.getByLabel("VPN session duration").evaluate((select) => select.insertAdjacentHTML("beforeend", '<option value="7200">2 hours</option>'));
    await page.getByLabel("VPN session duration").selectOption("7200");
    await page.getByRole("button", { name: "Save session duration" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("must be Never, 1 hour, 1 day, 1 week, 30 days or 90 days");
    await page.reload();
    await expect(page.getByLabel("VPN session duration")).toHaveValue("86400");

    const user = { email: uniqueEmail("session"), password: "session-password-1" };
    await addUserAsAdmin(page, user);
    const userPage = await signedOutPage(browser);
    await signIn(userPage, user.email, user.password);
    await expect(userPage.getByRole("main").getByText("Your VPN session ends at")).toBeVisible();
    await openUser(page, user.email);
    await expect(page.getByText(/^Expires at /)).toBeVisible();

    await backdateSignIn(user.email, 25);
    await userPage.reload();
    await expect(userPage.getByText("VPN session expired — sign in again to reconnect.")).toBeVisible();
    await expect(userPage.getByRole("button", { name: "Sign in again" })).toBeVisible();
    await page.reload();
    await expect(page.getByText(/^Ended at .*devices are off WireGuard until the user signs in/)).toBeVisible();
    await userPage.context().close();
  } finally {
    await setDuration(page, "Never");
  }
  await page.reload();
  await expect(page.getByLabel("VPN session duration")).toHaveValue("never");
  await expect.poll(serverHasMockClient, { timeout: 10_000 }).toBe(true);
});

test("the device switches work from the Security tab", async ({ page, browser }) => {
  const user = { email: uniqueEmail("switch"), password: "switch-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);
  const configurationSwitch = page.getByLabel("Users may change their devices' connection settings");

  await openSecurityTab(page);
  await configurationSwitch.uncheck();
  await page.getByRole("button", { name: "Save device permissions" }).click();
  await expect(page.getByText("Device permissions saved.")).toBeVisible();
  try {
    await page.reload();
    await expect(configurationSwitch).not.toBeChecked();
    const refused = await userPage.request.post("/api/v1/devices", { data: { settings: { name: "custom-mtu", useDefaultMtu: false, mtu: 1400 } } });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("Changing device settings is turned off for users");
  } finally {
    await configurationSwitch.check();
    await page.getByRole("button", { name: "Save device permissions" }).click();
    await expect(page.getByText("Device permissions saved.")).toBeVisible();
  }
  const allowed = await userPage.request.post("/api/v1/devices", { data: { settings: { name: "custom-mtu", useDefaultMtu: false, mtu: 1400 } } });
  expect(allowed.status()).toBe(201);
  await userPage.context().close();
});

test("the client isolation switches are kept after a reload, applied by the collector, and a value the form never sends is refused", async ({ page }) => {
  const peerToPeer = page.getByLabel("Clients may reach each other");
  const networksBehind = page.getByLabel("Networks behind the server may reach clients");
  const save = page.getByRole("button", { name: "Save client isolation" });
  const saveIsolation = async (values: { peerToPeer: boolean; networksBehind: boolean }) => {
    await openSecurityTab(page);
    await peerToPeer.setChecked(values.peerToPeer);
    await networksBehind.setChecked(values.networksBehind);
    await save.click();
    await expect(page.getByText("Client isolation saved.")).toBeVisible();
  };

  await openSecurityTab(page);
  await expect(peerToPeer).not.toBeChecked();
  await expect(networksBehind).not.toBeChecked();
  await expect.poll(isPeerToPeerDropped).toBe(true);
  try {
    await saveIsolation({ peerToPeer: true, networksBehind: false });
    await page.reload();
    await expect(peerToPeer).toBeChecked();
    await expect(networksBehind).not.toBeChecked();
    // The trigger wakes the e2e collector, which rebuilds its chains.
    await expect.poll(isPeerToPeerDropped, { timeout: 10_000 }).toBe(false);
    await page.goto("/admin/diagnostics");
    const line = page.getByRole("listitem").filter({ hasText: "Client isolation" });
    await expect(line).toContainText(/Clients may reach each other: on; networks behind the server may reach clients: off .*The collector applied \d+ s ago: peer to peer on;/);
    await expect(line).toContainText("OK");

    // The form only sends true or false: a request changed on its way is refused on its field.
    let isTampered = false;
    await page.route("**/admin/settings/security", async (route) => {
      const body = route.request().postData() ?? "";
      if (route.request().method() !== "POST" || !body.includes('"allowServerNetworksToClients":true')) return route.continue();
      isTampered = true;
      await route.continue({ postData: body.replace('"allowServerNetworksToClients":true', '"allowServerNetworksToClients":"yes"') });
    });
    await openSecurityTab(page);
    await networksBehind.check();
    await save.click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("must be true or false");
    expect(isTampered).toBe(true);
    await page.unrouteAll();
    await page.reload();
    await expect(networksBehind).not.toBeChecked();
    await expect(peerToPeer).toBeChecked();
  } finally {
    await page.unrouteAll();
    await saveIsolation({ peerToPeer: false, networksBehind: false });
  }
  await page.reload();
  await expect(peerToPeer).not.toBeChecked();
  await expect.poll(isPeerToPeerDropped, { timeout: 10_000 }).toBe(true);
});
