import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { arePrivateIdpAddressesAllowed, createConfiguration } from "../db/configuration";
import { createUser } from "../db/users";
import { idpNetworkSchema, setPrivateIdpAddressesAllowed } from "./idp-network";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
});
afterEach(() => database.drop());

describe("setPrivateIdpAddressesAllowed", () => {
  it("is off by default, switches on and off, and audits each change with the values before and after", async () => {
    await createConfiguration(database.db, {});
    const admin = await createUser(database.db, { email: "admin@example.com", passwordHash: "hash", role: "admin" });
    const context = { db: database.db, actor: { id: admin.id, email: admin.email } };
    expect(await arePrivateIdpAddressesAllowed(database.db)).toBe(false);

    await setPrivateIdpAddressesAllowed(context, { allowPrivateIdpAddresses: true });
    expect(await arePrivateIdpAddressesAllowed(database.db)).toBe(true);
    await setPrivateIdpAddressesAllowed(context, { allowPrivateIdpAddresses: false });
    expect(await arePrivateIdpAddressesAllowed(database.db)).toBe(false);

    const audits = await database.db.auditEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(audits.map((event) => [event.action, event.actorUserId, event.details])).toEqual([
      ["settings.idp_network_changed", admin.id, { before: false, after: true }],
      ["settings.idp_network_changed", admin.id, { before: true, after: false }],
    ]);
  });

  it("refuses anything but a boolean", () => {
    expect(idpNetworkSchema.safeParse({ allowPrivateIdpAddresses: "yes" }).success).toBe(false);
    expect(idpNetworkSchema.safeParse({ allowPrivateIdpAddresses: true, extra: 1 }).success).toBe(false);
  });
});
