// Server-side sessions and re-authentication in the browser: a session cookie copied before
// sign-out is refused after it, and creating an API token asks for the password again once the
// sign-in is more than five minutes old (the test ages the session's record in the database
// instead of waiting), then works.
import { expect, test, type Page } from "@playwright/test";
import { ageSessions } from "./auth-sessions";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

function tokensCard(page: Page) {
  return page.locator("section", { has: page.getByRole("heading", { name: "API tokens" }) });
}

test("a session cookie copied before sign-out no longer works after it", async ({ page, browser }) => {
  const user = { email: uniqueEmail("signout"), password: "signout-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);
  const copied = await userPage.context().cookies();
  expect(copied.some((cookie) => cookie.name.endsWith("next-auth.session-token"))).toBe(true);

  // The copy works while the session lives...
  const thief = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await thief.addCookies(copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/account");
  await expect(thiefPage.getByRole("heading", { name: "Account" })).toBeVisible();

  await userPage.getByRole("button", { name: "Sign out" }).first().click();
  await expect(userPage).toHaveURL(/\/login/);

  // ...and not after sign-out, though the cookie itself is still validly signed and unexpired.
  const replay = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await replay.addCookies(copied);
  const replayPage = await replay.newPage();
  await replayPage.goto("/account");
  await expect(replayPage).toHaveURL(/\/login/);
  await thiefPage.goto("/account");
  await expect(thiefPage).toHaveURL(/\/login/);
  await Promise.all([thief.close(), replay.close(), userPage.context().close()]);
});

test("creating an API token asks for the password again after five minutes, and then works", async ({ page, browser }) => {
  const user = { email: uniqueEmail("reauth"), password: "reauth-password-1" };
  await addUserAsAdmin(page, user);
  const userPage = await signedOutPage(browser);
  await signIn(userPage, user.email, user.password);
  await ageSessions(user.email, 6);

  await userPage.goto("/account");
  await userPage.waitForLoadState("networkidle");
  const card = tokensCard(userPage);
  await card.getByLabel("Token name").fill("deploy script");
  await card.getByRole("button", { name: "Create token" }).click();

  const prompt = userPage.getByRole("dialog", { name: "Confirm it is you" });
  await expect(prompt.getByText("This change needs your password again")).toBeVisible();
  await prompt.getByLabel("Your password").fill("not-my-password");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("is incorrect")).toBeVisible();
  await userPage.screenshot({ path: "test-results/reauthentication-prompt.png" });

  await prompt.getByLabel("Your password").fill(user.password);
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt).toBeHidden();
  const created = userPage.getByRole("dialog", { name: "Your new API token" });
  await expect(created.getByLabel("New API token")).toHaveText(/^wgui_/);
  await created.getByRole("button", { name: "Done" }).click();
  await expect(card.getByRole("row", { name: /deploy script/ }).getByText("Active")).toBeVisible();

  // Remembered for five minutes in this session: the next token is created without asking.
  await card.getByLabel("Token name").fill("second script");
  await card.getByRole("button", { name: "Create token" }).click();
  await expect(created.getByLabel("New API token")).toHaveText(/^wgui_/);
  await expect(prompt).toBeHidden();
  await userPage.context().close();
});
