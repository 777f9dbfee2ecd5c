import { defineConfig } from "@playwright/test";
import { adminStorageState, baseURL, serverEnv } from "./e2e/env";
import { oidcIdp, samlIdp } from "./e2e/sso-helpers";

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/teardown.ts",
  // One worker: the specs share one server and database, and the machine has two cores.
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Generous: CI shares two cores between the app, the data plane, PostgreSQL and Chromium.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot work offline.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"], use: { storageState: adminStorageState } },
  ],
  webServer: [
    {
      command: "bash e2e/serve.sh",
      url: `${baseURL}/login`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    // Real identity providers on loopback for the SSO specs.
    {
      command: "node --import tsx e2e/idp/oidc/server.ts",
      url: `${oidcIdp.url}/.well-known/openid-configuration`,
      env: { OIDC_IDP_PORT: "3101", OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/oidc-e2e-oidc` },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "bash e2e/idp/simplesamlphp/start.sh",
      url: samlIdp.metadataUrl,
      env: { SAML_IDP_PORT: "3102", SAML_SP_ENTITY_ID: `${baseURL}/api/auth/saml/e2e-saml/metadata`, SAML_SP_ACS_URL: `${baseURL}/api/auth/saml/e2e-saml/acs` },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
