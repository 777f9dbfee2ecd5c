// The "Allow identity providers on private networks" switch (Settings → Authentication): whether
// discovery, metadata and next-auth's own IdP requests may reach loopback, private and link-local
// addresses. Off by default, so an admin-given URL cannot be used to probe the server's networks.
import { z } from "zod";
import { recordAuditEvent } from "../db/audit";
import { getConfiguration, updateConfiguration } from "../db/configuration";
import type { Db } from "../db/client";
import { NotFoundError } from "../server/errors";

export const idpNetworkSchema = z.strictObject({ allowPrivateIdpAddresses: z.boolean() });
export type IdpNetworkInput = z.output<typeof idpNetworkSchema>;

export async function setPrivateIdpAddressesAllowed(context: { db: Db; actor: { id: string; email: string } }, input: IdpNetworkInput) {
  const before = await getConfiguration(context.db);
  if (!before) throw new NotFoundError("The configuration");
  await updateConfiguration(context.db, { allowPrivateIdpAddresses: input.allowPrivateIdpAddresses });
  await recordAuditEvent(context.db, {
    actor: context.actor,
    action: "settings.idp_network_changed",
    targetType: "configuration",
    details: { before: before.allowPrivateIdpAddresses, after: input.allowPrivateIdpAddresses },
  });
}
