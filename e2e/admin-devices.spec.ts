// The admin Devices list, paged on the server: paging, sorting and searching kept in the URL (links
// work, the back button works), the 10 s refresh asking for the page on screen only (304 while it is
// unchanged), and a new device showing up without a reload. 120 devices are inserted for a disabled
// user (so the collector leaves them out of WireGuard) and removed afterwards.
import { expect, test, type Page, type Request } from "@playwright/test";
import { query } from "./database";
import { admin } from "./env";

const run = Date.now().toString(36);
const prefix = `pg${run}`;
const ownerEmail = `paging-${run}@wiregui.test`;
const COUNT = 120;
const name = (n: number) => `${prefix}-${String(n).padStart(3, "0")}`;

test.beforeAll(async () => {
  const [owner] = await query<{ id: string }>("INSERT INTO users (id, email, role, is_disabled, updated_at) VALUES (gen_random_uuid(), $1, 'unprivileged', true, now()) RETURNING id", [ownerEmail]);
  // Device n: address 198.51.100.(n+1), traffic (120 - n) KB, the first five connected (004 most recently).
  await query(
    `INSERT INTO devices (id, user_id, name, public_key, ipv4, ipv6, rx_bytes, tx_bytes, latest_handshake_at, stats_updated_at, updated_at)
     SELECT gen_random_uuid(), $1, format('%s-%s', $2::text, lpad(n::text, 3, '0')), encode(sha256(($2 || n)::bytea), 'base64'),
            '198.51.100.0'::inet + (n + 1), 'fd00:e2e::'::inet + (n + 1), ($3 - n) * 1000, 0,
            CASE WHEN n < 5 THEN now() - make_interval(secs => (5 - n) * 10) END, now(), now()
     FROM generate_series(0, $3 - 1) AS n`,
    [owner!.id, prefix, COUNT],
  );
});

test.afterAll(async () => {
  await query("DELETE FROM users WHERE email = $1", [ownerEmail]);
  await query("DELETE FROM devices WHERE name LIKE $1", [`${prefix}-new%`]);
});

const rows = (page: Page) => page.locator("tbody tr");
const firstDevice = (page: Page) => rows(page).first().getByRole("link");
const isListRequest = (request: Request) => new URL(request.url()).pathname === "/api/v1/devices" && request.method() === "GET";

test("pages, sorts and searches through the URL; links and the back button keep working", async ({ page }) => {
  await page.goto(`/admin/devices?q=${prefix}`);
  await expect(page.getByRole("heading", { name: "120 matching devices" })).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(page.getByText("Page 1 of 3 · 120 in all")).toBeVisible();
  // In-page navigation from here on: no document load, only the list's API requests.
  await page.evaluate(() => Object.assign(window, { __samePage: true }));

  // While the next page loads (held back a second here), the current one stays, dimmed, and says so.
  const slowList = (url: URL) => url.pathname === "/api/v1/devices";
  await page.route(slowList, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  const pageTwo = page.waitForRequest((request) => isListRequest(request) && new URL(request.url()).searchParams.get("page") === "2");
  await page.getByRole("link", { name: "Next" }).click();
  await pageTwo;
  await expect(page).toHaveURL(new RegExp(`\\?q=${prefix}&page=2$`));
  await expect(page.getByText("Loading…")).toBeVisible();
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(firstDevice(page)).toHaveText(name(50));
  await expect(page.getByText("Loading…")).toHaveCount(0);
  await page.unroute(slowList);

  // A header sorts its natural way first (names A to Z), back to page 1; a second click reverses.
  await page.getByRole("link", { name: "Device", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${prefix}&sort=name$`));
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(page.getByRole("columnheader", { name: "Device" })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: "Device", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`sort=name&dir=desc$`));
  await expect(firstDevice(page)).toHaveText(name(119));
  await page.getByRole("link", { name: "Received / sent" }).click();
  await expect(page).toHaveURL(new RegExp(`sort=traffic$`));
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(rows(page).first()).toContainText("117 KiB / 0 B");
  await page.getByRole("link", { name: "Last handshake" }).click();
  await expect(firstDevice(page)).toHaveText(name(4));
  await page.getByRole("link", { name: "Status" }).click();
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(rows(page).first()).toContainText("Connected");
  await expect(rows(page).nth(5)).toContainText("Not connected");

  await page.goBack();
  await expect(page).toHaveURL(/sort=handshake$/);
  await expect(firstDevice(page)).toHaveText(name(4));
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/sort=name&dir=desc$/);
  await expect(firstDevice(page)).toHaveText(name(119));
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // Search: each field, from the box (back to page 1) and from a link.
  const search = page.getByRole("searchbox", { name: "Search devices" });
  await search.fill(`${prefix}-11`);
  await search.press("Enter");
  await expect(page).toHaveURL(new RegExp(`\\?q=${prefix}-11&sort=name&dir=desc$`));
  await expect(page.getByRole("heading", { name: "10 matching devices" })).toBeVisible();
  await expect(rows(page)).toHaveCount(10);
  await page.goto("/admin/devices?q=198.51.100.7");
  await expect(rows(page)).toHaveCount(11);
  await expect(page.getByRole("link", { name: name(6), exact: true })).toBeVisible();
  const [device] = await query<{ public_key: string }>("SELECT public_key FROM devices WHERE name = $1", [name(42)]);
  await page.goto(`/admin/devices?q=${encodeURIComponent(device!.public_key.slice(0, 12))}`);
  await expect(rows(page)).toHaveCount(1);
  await expect(firstDevice(page)).toHaveText(name(42));
  await page.goto(`/admin/devices?q=${encodeURIComponent(`paging-${run}@`)}&per_page=200`);
  await expect(page.getByRole("heading", { name: "120 matching devices" })).toBeVisible();
  await expect(rows(page)).toHaveCount(120);

  // A shared link opens on its page and sort; parameters that do not parse fall back to defaults.
  await page.goto(`/admin/devices?q=${prefix}&sort=traffic&page=2`);
  await expect(firstDevice(page)).toHaveText(name(50));
  await expect(page.getByText("Page 2 of 3 · 120 in all")).toBeVisible();
  await page.goto(`/admin/devices?q=${prefix}&page=abc&sort=size&dir=up`);
  await expect(firstDevice(page)).toHaveText(name(0));
  await expect(page.getByText("Page 1 of 3 · 120 in all")).toBeVisible();
  await page.goto(`/admin/devices?q=${prefix}&page=9`);
  await expect(page.getByText("Page 9 is past the end")).toBeVisible();
  await page.getByRole("link", { name: "Go to page 3" }).click();
  await expect(rows(page)).toHaveCount(20);
  await page.goto(`/admin/devices?q=nothing-${run}`);
  await expect(page.getByText("No matching devices")).toBeVisible();
});

test("the refresh asks for the page on screen with its ETag: 304 while nothing changed, the new stats when they did", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(`/admin/devices?q=${prefix}&sort=name`);
  await expect(firstDevice(page)).toHaveText(name(0));

  const refresh = await page.waitForResponse((response) => isListRequest(response.request()), { timeout: 15_000 });
  const url = new URL(refresh.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ q: prefix, user: "all", sort: "name" });
  expect(refresh.request().headers()["if-none-match"]).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  expect(refresh.status()).toBe(304);

  // The collector writes new stats for a device on the page: the next refresh brings them.
  await query("UPDATE devices SET rx_bytes = 5 * 1024 * 1024, stats_updated_at = now() WHERE name = $1", [name(1)]);
  const changed = await page.waitForResponse((response) => isListRequest(response.request()), { timeout: 15_000 });
  expect(changed.status()).toBe(200);
  await expect(rows(page).nth(1)).toContainText("5.0 MiB");
});

test("a new device shows up in the list without a reload, and the action answers only that device", async ({ page }) => {
  const newName = `${prefix}-new`;
  // The action's answer, read on its way to the page.
  let actionAnswer = "";
  await page.route(
    (url) => url.pathname === "/admin/devices",
    async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      const response = await route.fetch();
      actionAnswer = await response.text();
      await route.fulfill({ response });
    },
  );
  await page.goto(`/admin/devices?q=${prefix}`);
  await expect(page.getByRole("heading", { name: "120 matching devices" })).toBeVisible();
  await page.evaluate(() => Object.assign(window, { __samePage: true }));

  await page.getByRole("button", { name: "Add device" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a device" });
  await expect(dialog.getByLabel("Owner")).toHaveValue(admin.email);
  await dialog.getByLabel("Name").fill(newName);
  await dialog.getByRole("button", { name: "Create device" }).click();
  await page.getByRole("dialog", { name: `${newName} is ready` }).getByRole("button", { name: "Close" }).click();

  // The admin's email sorts before the paging owner's: the new device heads the page.
  await expect(page.getByRole("heading", { name: "121 matching devices" })).toBeVisible();
  await expect(rows(page).first()).toContainText(`${newName}${admin.email}`);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
  // One device, its configuration and QR code; none of the devices the page shows (re-rendering the
  // page into the answer, as revalidatePath did, would put all fifty in it).
  expect(actionAnswer).toContain(newName);
  expect(actionAnswer).not.toContain(name(0));
  expect(actionAnswer.length, "the create action's answer").toBeLessThan(50_000);

  // An unknown owner is refused on the field, and nothing is created.
  await page.getByRole("button", { name: "Add device" }).click();
  await dialog.getByLabel("Owner").fill(`nobody-${run}@wiregui.test`);
  await dialog.getByLabel("Name").fill(`${newName}-2`);
  await dialog.getByRole("button", { name: "Create device" }).click();
  await expect(dialog.getByText("no user has this email")).toBeVisible();
  expect(await query("SELECT id FROM devices WHERE name = $1", [`${newName}-2`])).toEqual([]);
});
