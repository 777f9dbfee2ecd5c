import "server-only";
import { listEnabledProviders } from "../db/sso";
import { getAccountDetails } from "../db/users";
import { listConnections } from "../sso/connections";
import { getDb } from "./db";
import type { Principal } from "./guard";

/** What the account page shows about the signed-in user, and nothing more. */
export function getAccountSummary(user: Principal) {
  return getAccountDetails(getDb(), user.id);
}

/** The SSO card: the user's connections and the enabled providers they could still connect. */
export async function getSsoConnections(userId: string) {
  const db = getDb();
  const [connections, providers, connectedRows] = await Promise.all([
    listConnections(db, userId),
    listEnabledProviders(db),
    db.ssoConnection.findMany({ where: { userId, status: "active" }, select: { providerKind: true, providerSlug: true } }),
  ]);
  const connected = new Set(connectedRows.map((row) => `${row.providerKind}:${row.providerSlug}`));
  return { connections, connectable: providers.filter((provider) => !connected.has(`${provider.kind}:${provider.slug}`)) };
}
