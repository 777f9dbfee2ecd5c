// Settings → Security → Limits: the device limit saved from its card (and a refused value named on
// its field), then held for a user in the devices page and in /api/v1 alike, an administrator
// refused for that user too until they exceed the limit on purpose, and the list caps of the device
// form named on their fields.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { addUserAsAdmin, uniqueEmail } from "./users";

async function newUserPage(browser: Browser, adminPage: Page) {
  const user = { email: uniqueEmail("limit"), password: "limit-user-pass-1" };
  await addUserAsAdmin(adminPage, user);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { user, page, context };
}

async function setDeviceLimit(page: Page, value: string) {
  await page.goto("/admin/settings/security");
  await page.getByLabel("Devices per user").fill(value);
  await page.getByRole("button", { name: "Save device limit" }).click();
}

async function openAddDevice(page: Page, name: string) {
  await page.getByRole("button", { name: "Add device" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a device" });
  await dialog.getByLabel("Name").fill(name);
  return dialog;
}

async function addDevice(page: Page, name: string) {
  const dialog = await openAddDevice(page, name);
  await dialog.getByRole("button", { name: "Create device" }).click();
  return dialog;
}

test("the device limit holds for a user in the page and the API; an admin exceeds it only on purpose", async ({ page, browser }) => {
  const owner = await newUserPage(browser, page);
  await setDeviceLimit(page, "0");
  await expect(page.getByText("must be from 1 to 1000")).toBeVisible();
  await setDeviceLimit(page, "2");
  await expect(page.getByText("Device limit saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Devices per user")).toHaveValue("2");
  await page.getByRole("heading", { name: "Limits" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/limits-security-tab.png", fullPage: true });
  try {
    await owner.page.goto("/devices");
    for (const name of ["first", "second"]) {
      await addDevice(owner.page, name);
      await owner.page.getByRole("dialog", { name: `${name} is ready` }).getByRole("button", { name: "Close" }).click();
    }
    const third = await addDevice(owner.page, "third");
    await expect(third.getByText("You have reached the limit of 2 devices.")).toBeVisible();
    await owner.page.screenshot({ path: "test-results/limits-device-refused.png" });

    const refused = await owner.page.request.post("/api/v1/devices", { data: { settings: { name: "api-third" } } });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toEqual({ error: "You have reached the limit of 2 devices." });
    const sneaky = await owner.page.request.post("/api/v1/devices", { data: { settings: { name: "api-sneaky" }, exceedDeviceLimit: true } });
    expect(sneaky.status()).toBe(403);
    expect(((await (await owner.page.request.get("/api/v1/devices")).json()).devices as Array<{ name: string }>).map((device) => device.name).sort()).toEqual(["first", "second"]);

    await page.goto("/admin/devices");
    const forOwner = await openAddDevice(page, "from-admin");
    await forOwner.getByLabel("Owner").fill(owner.user.email);
    await forOwner.getByRole("button", { name: "Create device" }).click();
    await expect(forOwner.getByText(`${owner.user.email} has reached the limit of 2 devices.`, { exact: false })).toBeVisible();
    await page.screenshot({ path: "test-results/limits-admin-refused.png" });
    await forOwner.getByLabel("Exceed the device limit").check();
    await forOwner.getByRole("button", { name: "Create device" }).click();
    await page.getByRole("dialog", { name: "from-admin is ready" }).getByRole("button", { name: "Close" }).click();
    await owner.page.goto("/devices");
    await expect(owner.page.getByRole("link", { name: "from-admin" })).toBeVisible();
  } finally {
    await setDeviceLimit(page, "10");
    await expect(page.getByText("Device limit saved.")).toBeVisible();
    await owner.context.close();
  }
});

test("the device form names a list past its cap and creates nothing", async ({ page }) => {
  await page.goto("/devices");
  const name = `caps-${Date.now().toString(36)}`;
  const dialog = await openAddDevice(page, name);
  await dialog.getByLabel(/Use the default DNS/).uncheck();
  await dialog.getByLabel("DNS servers", { exact: true }).fill(Array.from({ length: 9 }, (_, index) => `192.0.2.${index + 1}`).join(", "));
  await dialog.getByLabel(/Use the default allowed IPs/).uncheck();
  await dialog.getByLabel("Allowed IPs", { exact: true }).fill(Array.from({ length: 65 }, (_, index) => `10.${index}.0.0/16`).join(", "));
  await dialog.getByRole("button", { name: "Create device" }).click();
  await expect(dialog.getByText("must be at most 8 addresses (got 9)")).toBeVisible();
  await expect(dialog.getByText("must be at most 64 CIDRs (got 65)")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});
