// The client address against the real `next start` server: X-Forwarded-For is ignored from a client
// (the socket's address is recorded) and believed only from TRUSTED_PROXIES (here 127.0.0.2, a
// second loopback address this spec connects from, playing the reverse proxy). Then the throttle:
// a stranger guessing an account's password from another address is held back while the owner signs
// in with the browser; and the audit retention card on Settings → Security.
import http from "node:http";
import { expect, test } from "@playwright/test";
import { query } from "./database";
import { baseURL, trustedProxyAddress } from "./env";
import { signIn } from "./sign-in";
import { signedOutPage } from "./sso-helpers";
import { addUserAsAdmin, uniqueEmail } from "./users";

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request from a chosen local address, with whatever headers a client likes to send. */
function send(options: { method: string; path: string; headers?: Record<string, string>; body?: string; from: string }): Promise<RawResponse> {
  const url = new URL(options.path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method, headers: options.headers, localAddress: options.from },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/**
 * A password sign-in through next-auth's credentials callback, as the login form posts it: the CSRF
 * round trip first, then a function that sends the post (so several can be sent at once).
 */
async function preparePasswordSignIn(email: string, password: string, from: string, forwardedFor?: string): Promise<() => Promise<RawResponse>> {
  const spoof: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send({ method: "GET", path: "/api/auth/csrf", headers: spoof, from });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, email, password, code: "", json: "true" }).toString();
  return () =>
    send({
      method: "POST",
      path: "/api/auth/callback/credentials",
      headers: { ...spoof, cookie, "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) },
      body,
      from,
    });
}

async function passwordSignIn(email: string, password: string, from: string, forwardedFor?: string): Promise<RawResponse> {
  return (await preparePasswordSignIn(email, password, from, forwardedFor))();
}

const refusalsOf = (email: string) =>
  query<{ ip: string | null; count: number; reason: string }>(
    "SELECT ip, count, details->>'reason' AS reason FROM audit_events WHERE action = 'auth.sign_in_failed' AND details->>'email' = $1 ORDER BY id",
    [email],
  );

test("X-Forwarded-For from a client is ignored: the socket's address is recorded", async () => {
  const email = uniqueEmail("spoof");
  await passwordSignIn(email, "not the password", "127.0.0.1", "203.0.113.50");
  expect(await refusalsOf(email)).toEqual([{ ip: "127.0.0.1", count: 1, reason: "invalid_credentials" }]);
});

test("X-Forwarded-For from a trusted proxy is believed, from the right", async () => {
  const email = uniqueEmail("proxied");
  // The client put 192.0.2.77 in front itself; the proxy appended what its socket saw.
  await passwordSignIn(email, "not the password", trustedProxyAddress, "192.0.2.77, 203.0.113.51");
  expect(await refusalsOf(email)).toEqual([{ ip: "203.0.113.51", count: 1, reason: "invalid_credentials" }]);
});

test("a stranger guessing from another address is held back while the owner signs in", async ({ page, browser }) => {
  const owner = { email: uniqueEmail("owner"), password: "owner-password-123" };
  await addUserAsAdmin(page, owner);
  // Six guesses at once through the proxy: three are checked, the key holds back the rest.
  const guesses = [];
  for (let i = 0; i < 6; i += 1) guesses.push(await preparePasswordSignIn(owner.email, `guess-${i}`, trustedProxyAddress, "203.0.113.52"));
  await Promise.all(guesses.map((guess) => guess()));
  const refusals = (await refusalsOf(owner.email)).sort((a, b) => a.reason.localeCompare(b.reason));
  expect(refusals).toEqual([
    { ip: "203.0.113.52", count: 3, reason: "invalid_credentials" },
    { ip: "203.0.113.52", count: 3, reason: "throttled" },
  ]);

  // The admin's log shows the folded rows with their counts.
  await page.goto(`/admin/audit?action=auth.sign_in_failed&actor=${encodeURIComponent(owner.email)}`);
  await expect(page.getByTestId("audit-event-count").first()).toContainText("×3");
  await page.screenshot({ path: "test-results/audit-folded-refusals.png", fullPage: true });

  const ownerPage = await signedOutPage(browser);
  await signIn(ownerPage, owner.email, owner.password);
  await ownerPage.context().close();
});

test("the admin sets the audit log retention on Settings → Security", async ({ page }) => {
  await page.goto("/admin/settings/security");
  await expect(page.getByRole("heading", { name: "Audit log retention" })).toBeVisible();
  const field = page.getByLabel("Keep audit events for (days)");
  await expect(field).toHaveValue("365");
  await page.waitForLoadState("networkidle");
  try {
    await field.fill("0");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "must be a whole number of days from 1 to 3650" })).toBeVisible();
    expect(await query<{ days: number }>("SELECT audit_retention_days AS days FROM configuration", [])).toEqual([{ days: 365 }]);
    await field.fill("90");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByText("Audit log retention saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Keep audit events for (days)")).toHaveValue("90");
    await page.screenshot({ path: "test-results/security-audit-retention.png", fullPage: true });
  } finally {
    await query("UPDATE configuration SET audit_retention_days = 365", []);
  }
});
