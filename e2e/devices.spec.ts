import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { baseURL, wireguardEndpoint } from "./env";
import { signIn } from "./sign-in";
import { addUserAsAdmin, uniqueEmail } from "./users";

async function newUserPage(browser: Browser, adminPage: Page) {
  const user = { email: uniqueEmail("dev"), password: "device-user-pass-1" };
  await addUserAsAdmin(adminPage, user);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  return { user, page, context };
}

async function addDevice(page: Page, name: string, configure?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>) {
  await page.getByRole("button", { name: "Add device" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a device" });
  await dialog.getByLabel("Name").fill(name);
  await configure?.(dialog);
  await dialog.getByRole("button", { name: "Create device" }).click();
  return dialog;
}

test("a user creates a device, sees its QR code and downloads the .conf", async ({ page, browser }) => {
  const { page: userPage, context } = await newUserPage(browser, page);
  await userPage.goto("/devices");
  await expect(userPage.getByText("No devices yet")).toBeVisible();
  await addDevice(userPage, "laptop");

  const ready = userPage.getByRole("dialog", { name: "laptop is ready" });
  await expect(ready.getByRole("img", { name: "QR code" }).locator("svg")).toBeVisible();
  const config = (await ready.getByLabel("Configuration").textContent()) ?? "";
  expect(config).toMatch(/^PrivateKey = [A-Za-z0-9+/]{43}=$/m);
  expect(config).toMatch(/^Address = 10\.3\.2\.\d+\/32, fd00::3:2:[0-9a-f]+\/128$/m);
  expect(config).toMatch(/^PresharedKey = [A-Za-z0-9+/]{43}=$/m);
  expect(config.split("\n")).toContain(`Endpoint = ${wireguardEndpoint}`);

  const downloadEvent = userPage.waitForEvent("download");
  await ready.getByRole("button", { name: "Download laptop.conf" }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe("laptop.conf");
  expect(await readFile((await download.path())!, "utf8")).toBe(config);

  await ready.getByRole("button", { name: "Close" }).click();
  await expect(userPage.getByRole("link", { name: "laptop" })).toBeVisible();
  await userPage.getByRole("link", { name: "laptop" }).click();
  await expect(userPage.getByRole("heading", { name: "laptop" })).toBeVisible();
  await expect(userPage.getByText("Shown once at creation; not stored")).toBeVisible();
  await context.close();
});

test("device settings are validated field by field", async ({ page }) => {
  await page.goto("/devices");
  const name = `v-${Date.now().toString(36)}`;
  const dialog = await addDevice(page, name, async (form) => {
    await form.getByLabel(/Use the default MTU/).uncheck();
    await form.getByLabel("MTU", { exact: true }).fill("1000");
    await form.getByLabel(/Use the default persistent keepalive/).uncheck();
    await form.getByLabel("Persistent keepalive (seconds)", { exact: true }).fill("500");
    await form.getByLabel(/Use the default DNS/).uncheck();
    await form.getByLabel("DNS servers", { exact: true }).fill("1.1.1.1, not-an-ip");
  });
  await expect(dialog.getByText("must be from 0 to 120 seconds")).toBeVisible();
  await expect(dialog.getByText('"not-an-ip" is not an IP address')).toBeVisible();
  await dialog.getByLabel("Persistent keepalive (seconds)", { exact: true }).fill("25");
  await dialog.getByLabel("DNS servers", { exact: true }).fill("1.1.1.1");
  await dialog.getByRole("button", { name: "Create device" }).click();
  await expect(dialog.getByText("must be at least 1280: the device has an IPv6 address")).toBeVisible();
  await dialog.getByLabel("MTU", { exact: true }).fill("1420");
  await dialog.getByRole("button", { name: "Create device" }).click();
  await page.getByRole("dialog", { name: `${name} is ready` }).getByRole("button", { name: "Close" }).click();

  const again = await addDevice(page, name.toUpperCase());
  await expect(again.getByText("is already used by another device of this user")).toBeVisible();
});

test("an admin creates a device for another user, who alone (with admins) can see it", async ({ page, browser }) => {
  const owner = await newUserPage(browser, page);
  const other = await newUserPage(browser, page);

  // The list is paged: search for the owner, whose (new) device then appears without a reload.
  await page.goto(`/admin/devices?q=${encodeURIComponent(owner.user.email)}`);
  await expect(page.getByText("No matching devices")).toBeVisible();
  await page.getByRole("button", { name: "Add device" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a device" });
  await dialog.getByLabel("Owner").fill(owner.user.email);
  await dialog.getByLabel("Name").fill("phone");
  await dialog.getByRole("button", { name: "Create device" }).click();
  await page.getByRole("dialog", { name: "phone is ready" }).getByRole("button", { name: "Close" }).click();
  const row = page.getByRole("row", { name: new RegExp(`phone.*${owner.user.email.replace(/[.]/g, "\\.")}`) });
  await expect(row).toBeVisible();
  const deviceUrl = await row.getByRole("link", { name: "phone" }).getAttribute("href");
  const deviceId = deviceUrl!.split("/").pop()!;

  await owner.page.goto("/devices");
  await expect(owner.page.getByRole("link", { name: "phone" })).toBeVisible();

  // Another user: the page, the API and a replayed delete action all refuse.
  await other.page.goto(deviceUrl!);
  await expect(other.page.getByText("Page not found")).toBeVisible();
  expect((await other.page.request.get(`/api/v1/devices/${deviceId}`)).status()).toBe(404);
  expect((await other.page.request.delete(`/api/v1/devices/${deviceId}`)).status()).toBe(404);
  const ownList = await other.page.request.get("/api/v1/devices");
  expect((await ownList.json()).devices).toEqual([]);
  expect((await other.page.request.get("/api/v1/devices?user=all")).status()).toBe(403);

  await other.page.goto("/devices");
  await addDevice(other.page, "mine");
  // The ready dialog's own Close: the form dialog has one too while the action is pending.
  await other.page.getByRole("dialog", { name: "mine is ready" }).getByRole("button", { name: "Close" }).click();
  await other.page.getByRole("link", { name: "mine" }).click();
  const deleteRequest = other.page.waitForRequest((request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await other.page.getByRole("button", { name: "Delete device" }).click();
  await other.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  const captured = await deleteRequest;
  await expect(other.page).toHaveURL(/\/devices$/);
  const ownId = JSON.parse(captured.postData()!)[0].id as string;
  const replay = await other.page.request.post(captured.url(), {
    headers: { "next-action": captured.headers()["next-action"]!, "content-type": captured.headers()["content-type"]!, accept: "text/x-component", origin: baseURL },
    data: captured.postData()!.replace(ownId, deviceId),
  });
  expect(await replay.text()).toContain("The device was not found.");
  expect((await page.request.get(`/api/v1/devices/${deviceId}`)).status()).toBe(200);

  await Promise.all([owner.context.close(), other.context.close()]);
});

test("the device switches are enforced for users, in the page and the API", async ({ page, browser }) => {
  const { page: userPage, context } = await newUserPage(browser, page);
  const managementSwitch = page.getByLabel("Users may add, edit and delete their own devices");
  await page.goto("/admin/settings/security");
  await managementSwitch.uncheck();
  await page.getByRole("button", { name: "Save device permissions" }).click();
  await expect(page.getByText("Device permissions saved.")).toBeVisible();
  try {
    await userPage.goto("/devices");
    await expect(userPage.getByText("Your administrator manages devices for you.")).toBeVisible();
    await expect(userPage.getByRole("button", { name: "Add device" })).toHaveCount(0);
    const refused = await userPage.request.post("/api/v1/devices", { data: { settings: { name: "sneaky" } } });
    expect(refused.status()).toBe(403);
  } finally {
    await page.goto("/admin/settings/security");
    await managementSwitch.check();
    await page.getByRole("button", { name: "Save device permissions" }).click();
    await expect(page.getByText("Device permissions saved.")).toBeVisible();
  }
  const allowed = await userPage.request.post("/api/v1/devices", { data: { settings: { name: "api-device" } } });
  expect(allowed.status()).toBe(201);
  expect((await allowed.json()).config).toMatch(/^PrivateKey = /m);
  await context.close();
});
