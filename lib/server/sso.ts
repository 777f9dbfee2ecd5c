import "server-only";
import { SecretBox } from "../crypto/secret-box";
import { getEnv } from "../env";
import type { ProviderContext } from "../sso/providers";
import type { SamlContext } from "../sso/saml-sp";
import { getDb } from "./db";
import type { Principal } from "./guard";

export function samlContext(): SamlContext {
  const env = getEnv();
  return { db: getDb(), secretBox: new SecretBox(env.AUTH_SECRET), externalUrl: env.EXTERNAL_URL };
}

export function providerContext(actor: Principal): ProviderContext {
  return { ...samlContext(), actor };
}

/** Where the browser goes after a refused or failed SSO attempt. */
export function signInErrorUrl(code: string): URL {
  return new URL(`/login?error=sso_${code}`, getEnv().EXTERNAL_URL);
}
