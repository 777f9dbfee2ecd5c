import { expect, test } from "@playwright/test";

// e2e/serve.sh runs, as root, a mock client "wguec1" (owned by demo@wiregui.local) that pings the
// server through a real wireguard-go tunnel, the collector polling every 5 s and VictoriaMetrics.
// Like the namespace integration tests, these fail (they do not skip) when not run as root.
test.beforeEach(() => {
  expect(process.getuid?.(), "the live-metrics specs need root: e2e/serve.sh builds the WireGuard data plane only as root").toBe(0);
});

test("a mock client's device page shows a green dot, a non-zero rate and a drawn traffic chart", async ({ page }) => {
  test.setTimeout(90_000);
  // The list is paged: search for the mock client rather than hope it is on the first page.
  await page.goto("/admin/devices?q=wguec1");
  const row = page.locator("tr", { has: page.getByRole("link", { name: "wguec1", exact: true }) });
  // The table refreshes itself every 10 s: no reload needed to see the client come online.
  await expect(row.getByText("Connected")).toBeVisible({ timeout: 45_000 });
  await row.getByRole("link", { name: "wguec1" }).click();

  const status = page.getByText("Connected", { exact: true }).first();
  await expect(status).toBeVisible();
  await expect(page.locator("span.bg-success").first()).toBeVisible();
  // Pings every 3 s: tens of bytes per second each way.
  await expect(page.getByTestId("rate").first()).toHaveText(/^[1-9][\d.]* (B|KiB)\/s$/, { timeout: 30_000 });

  await page.getByRole("button", { name: "15 min" }).click();
  const curve = page.getByTestId("traffic-chart").locator("path.recharts-area-curve").first();
  await expect(curve).toHaveAttribute("d", /^M[\d.]+,[\d.]+.*[LC]/, { timeout: 30_000 });
  await expect(page.getByTestId("traffic-chart").getByText("Received")).toBeVisible();
});

test("the admin overview counts the online peer and charts everyone's traffic", async ({ page }) => {
  await page.goto("/admin/devices");
  await expect(page.getByText("Peers online now")).toBeVisible();
  await expect(page.getByText(/^[1-9]\d* of \d+$/)).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("traffic-chart").locator("path.recharts-area-curve").first()).toHaveAttribute("d", /^M/, { timeout: 30_000 });
});
