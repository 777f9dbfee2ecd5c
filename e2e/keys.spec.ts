// Sessions are signed with a key of their own, derived from AUTH_SECRET: a session cookie made with
// AUTH_SECRET itself (as before key separation) or with the collector's encryption key signs nobody
// in. And a new password bcrypt would cut (over 72 bytes) is refused on its field.
import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import pg from "pg";
import { deriveEncryptionKey, deriveNextAuthSecret } from "../lib/crypto/keys";
import { admin, baseURL, serverEnv } from "./env";
import { uniqueEmail } from "./users";

const SESSION_COOKIE = "next-auth.session-token";
const authSecret = serverEnv.AUTH_SECRET!;

async function adminClaims() {
  const client = new pg.Client({ connectionString: serverEnv.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; session_version: number }>("SELECT id, session_version FROM users WHERE email = $1", [admin.email]);
    return { sub: rows[0]!.id, email: admin.email, name: null, sessionVersion: rows[0]!.session_version };
  } finally {
    await client.end();
  }
}

test("the real session cookie opens only with the derived session key", async ({ context }) => {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
  expect(cookie, "the admin's saved session").toBeTruthy();
  expect(await decode({ token: cookie!.value, secret: deriveNextAuthSecret(authSecret) })).toMatchObject({ email: admin.email });
  await expect(decode({ token: cookie!.value, secret: authSecret })).rejects.toThrow();
  await expect(decode({ token: cookie!.value, secret: deriveEncryptionKey(authSecret).toString("hex") })).rejects.toThrow();
});

for (const [name, secret] of [
  ["AUTH_SECRET itself (the key before separation)", () => authSecret],
  ["the collector's encryption key", () => deriveEncryptionKey(authSecret).toString("hex")],
  ["the encryption key's raw bytes as a string", () => deriveEncryptionKey(authSecret).toString("base64url")],
] as const) {
  test(`a session cookie minted with ${name} is refused`, async ({ browser }) => {
    const token = await encode({ token: await adminClaims(), secret: secret(), maxAge: 3600 });
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login/);
    const api = await context.request.get("/api/v1/me");
    expect(api.status()).toBe(401);
    await context.close();
  });
}

test("a new password over 72 bytes is refused on its field, and nothing is saved", async ({ page }) => {
  await page.goto("/admin/users");
  const email = uniqueEmail("long");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Email").fill(email);
  // 25 characters, 73 bytes: the limit is bcrypt's, in bytes.
  await form.getByLabel("Password").fill(`${"€".repeat(24)}a`);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByText(/must be at most 72 bytes/)).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toHaveCount(0);
  await form.getByLabel("Password").fill("€".repeat(24));
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("User added.")).toBeVisible();
});
