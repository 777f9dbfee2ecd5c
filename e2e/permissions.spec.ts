import { expect, test, type Request } from "@playwright/test";
import { baseURL } from "./env";
import { signIn } from "./sign-in";
import { addUserAsAdmin, uniqueEmail } from "./users";

/** Re-sends a captured server-action request with other data, from whichever session `post` carries. */
function replayAction(captured: Request, email: string) {
  const body = captured.postData() ?? "";
  const originalEmail = JSON.parse(body)[0].email as string;
  return {
    url: captured.url(),
    headers: {
      "next-action": captured.headers()["next-action"]!,
      "content-type": captured.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseURL,
    },
    data: body.replace(originalEmail, email),
  };
}

test("an unprivileged user can open neither admin pages nor admin actions", async ({ page, browser }) => {
  const user = { email: uniqueEmail("user"), password: "user-password-123" };
  const createUserRequest = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await addUserAsAdmin(page, user);
  const captured = await createUserRequest;

  const userContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const userPage = await userContext.newPage();
  await signIn(userPage, user.email, user.password);
  await expect(userPage.getByText("Administration")).toHaveCount(0);
  await expect(userPage.getByRole("link", { name: "Users" })).toHaveCount(0);

  for (const path of ["/admin/users", "/admin/devices", "/admin/rules", "/admin/settings", "/admin/diagnostics"]) {
    const response = await userPage.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(userPage.getByText("You don't have access to this page")).toBeVisible();
  }

  // The create-user action, replayed with the user's session, is refused and creates nobody.
  const refusedEmail = uniqueEmail("refused");
  const { url, ...refused } = replayAction(captured, refusedEmail);
  const refusedResponse = await userPage.request.post(url, refused);
  expect(await refusedResponse.text()).toContain("You do not have permission to do that.");

  // The same replay from the admin's session works, so the refusal above is the permission check.
  const acceptedEmail = uniqueEmail("accepted");
  const { url: adminUrl, ...accepted } = replayAction(captured, acceptedEmail);
  const acceptedResponse = await page.request.post(adminUrl, accepted);
  expect(await acceptedResponse.text()).not.toContain("You do not have permission");

  await page.goto("/admin/users");
  await expect(page.getByRole("cell", { name: acceptedEmail })).toBeVisible();
  await expect(page.getByRole("cell", { name: refusedEmail })).toHaveCount(0);

  // The API refuses the same way, with a JSON error.
  const apiRefused = await userPage.request.get("/api/v1/users");
  expect(apiRefused.status()).toBe(403);
  expect(await apiRefused.json()).toEqual({ error: "You do not have permission to do that." });
  const apiAccepted = await page.request.get("/api/v1/users");
  expect(apiAccepted.status()).toBe(200);
  expect((await apiAccepted.json()).users.map((row: { email: string }) => row.email)).toContain(user.email);
  await userContext.close();
});

test.describe("the API without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("answers 401 with a JSON error", async ({ request }) => {
    for (const path of ["/api/v1/me", "/api/v1/users"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
      expect(await response.json()).toEqual({ error: "You are not signed in." });
    }
  });
});

test("the API tells a signed-in user who they are", async ({ request }) => {
  const response = await request.get("/api/v1/me");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ email: "admin@wiregui.test", role: "admin" });
});
