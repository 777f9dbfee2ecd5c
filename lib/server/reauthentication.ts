import "server-only";
import { reauthenticationMethod } from "../auth/reauthentication";
import { getDb } from "./db";
import type { Principal } from "./guard";

/**
 * What the "confirm it is you" dialog offers: the password (and a code), or, for accounts without a
 * password, a fresh sign-in through one of the user's working identity providers.
 */
export async function getReauthenticationOptions(user: Principal) {
  const db = getDb();
  const method = await reauthenticationMethod(db, user.id);
  if (method !== "identity_provider") return { method, providers: [] };
  const rows = await db.ssoConnection.findMany({
    where: { userId: user.id, status: "active" },
    select: { providerKind: true, providerSlug: true, providerLabel: true, oidcProvider: { select: { isEnabled: true } }, samlProvider: { select: { isEnabled: true } } },
    orderBy: { providerLabel: "asc" },
  });
  const providers = rows
    .filter((row) => (row.oidcProvider ?? row.samlProvider)?.isEnabled)
    .map((row) => ({ kind: row.providerKind === "oidc" ? ("oidc" as const) : ("saml" as const), slug: row.providerSlug, label: row.providerLabel }));
  return { method, providers };
}
