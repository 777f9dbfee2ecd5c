import type { Db } from "./client";

/** Where SAML logins send the browser: the sign-on URLs of the enabled SAML providers. */
export async function listEnabledSamlSsoUrls(db: Db): Promise<string[]> {
  const rows = await db.samlProvider.findMany({ where: { isEnabled: true }, select: { idpSsoUrl: true } });
  return rows.map((row) => row.idpSsoUrl).filter(Boolean);
}
