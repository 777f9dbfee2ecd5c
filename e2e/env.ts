// Settings shared by the Playwright config (which starts the server) and the specs.
export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${e2ePort}`;
export const admin = { email: "admin@wiregui.test", password: "e2e-admin-password-1" };
export const adminStorageState = "e2e/.auth/admin.json";
/** Where clients dial: the server namespace e2e/serve.sh builds (scripts/stack-network.sh's address). */
export const wireguardEndpoint = "198.18.0.1:51820";

/** The one address the e2e server believes X-Forwarded-For from. */
export const trustedProxyAddress = "127.0.0.2";

const databaseBase = process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres";

function e2eDatabaseUrl(): string {
  const url = new URL(databaseBase);
  url.pathname = "/wiregui_e2e";
  return url.toString();
}

/** The server's environment: its own database, a fixed test secret, and the setup command's input. */
export const serverEnv: Record<string, string> = {
  DATABASE_URL: e2eDatabaseUrl(),
  AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
  EXTERNAL_URL: baseURL,
  WIREGUI_ADMIN_EMAIL: admin.email,
  WIREGUI_ADMIN_PASSWORD: admin.password,
  WG_ENDPOINT: wireguardEndpoint,
  PORT: String(e2ePort),
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
  // e2e/client-address.spec.ts plays a reverse proxy from this loopback address; the browser's
  // 127.0.0.1 stays an untrusted client, as without the variable.
  TRUSTED_PROXIES: trustedProxyAddress,
};
