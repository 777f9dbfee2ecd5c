// Signs in once as the admin the setup command created and saves the session for the specs.
import { test as setup } from "@playwright/test";
import { admin, adminStorageState } from "./env";
import { signIn } from "./sign-in";

setup("sign in as the admin created by `wiregui setup`", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.context().storageState({ path: adminStorageState });
});
