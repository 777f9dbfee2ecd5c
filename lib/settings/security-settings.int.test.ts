// Security settings against the real PostgreSQL: what is saved and audited, the CHECK constraint
// behind the schema, and the triggers that wake the collector (LISTEN on the real channel).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { createConfiguration } from "../db/configuration";
import { createUser, recordSignIn } from "../db/users";
import { countUsersWithoutVpnSession, findNextVpnSessionExpiry, findVpnSessionStatus } from "../db/vpn-sessions";
import { listDesiredPeers } from "../db/devices";
import { updateSecuritySettings } from "./security-settings";

let database: TestDatabase;
let actor: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, {});
  actor = await createUser(database.db, { email: "admin@wiregui.test", passwordHash: null, role: "admin" });
});
afterAll(() => database.drop());

async function securityEvents() {
  return database.db.auditEvent.findMany({ where: { action: "settings.security_changed" }, orderBy: { id: "asc" }, select: { actorEmail: true, details: true } });
}

describe("updateSecuritySettings", () => {
  it("saves the duration and audits exactly what changed, before and after", async () => {
    expect(await updateSecuritySettings(database.db, actor, { vpnSessionDuration: 3_600, allowUnprivilegedDeviceManagement: true })).toEqual({ changed: ["vpnSessionDuration"] });
    await updateSecuritySettings(database.db, actor, { allowUnprivilegedDeviceManagement: false, allowUnprivilegedDeviceConfiguration: false });
    const row = await database.db.configuration.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ vpnSessionDuration: 3_600, allowUnprivilegedDeviceManagement: false, allowUnprivilegedDeviceConfiguration: false });
    expect(await securityEvents()).toEqual([
      { actorEmail: "admin@wiregui.test", details: { before: { vpnSessionDuration: null }, after: { vpnSessionDuration: 3_600 } } },
      {
        actorEmail: "admin@wiregui.test",
        details: {
          before: { allowUnprivilegedDeviceManagement: true, allowUnprivilegedDeviceConfiguration: true },
          after: { allowUnprivilegedDeviceManagement: false, allowUnprivilegedDeviceConfiguration: false },
        },
      },
    ]);
  });

  it("saves the client isolation switches (off by default) and audits them like the others", async () => {
    expect(await database.db.configuration.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ allowPeerToPeer: false, allowServerNetworksToClients: false });
    expect(await updateSecuritySettings(database.db, actor, { allowPeerToPeer: true, allowServerNetworksToClients: false })).toEqual({ changed: ["allowPeerToPeer"] });
    expect((await securityEvents()).at(-1)).toEqual({ actorEmail: "admin@wiregui.test", details: { before: { allowPeerToPeer: false }, after: { allowPeerToPeer: true } } });
    await updateSecuritySettings(database.db, actor, { allowPeerToPeer: false, allowServerNetworksToClients: true });
    expect((await securityEvents()).at(-1)?.details).toEqual({ before: { allowPeerToPeer: true, allowServerNetworksToClients: false }, after: { allowPeerToPeer: false, allowServerNetworksToClients: true } });
    expect(await database.db.configuration.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ allowPeerToPeer: false, allowServerNetworksToClients: true });
    await updateSecuritySettings(database.db, actor, { allowServerNetworksToClients: false });
  });

  it("writes no event when nothing changes", async () => {
    const before = (await securityEvents()).length;
    expect(await updateSecuritySettings(database.db, actor, { vpnSessionDuration: 3_600 })).toEqual({ changed: [] });
    expect(await securityEvents()).toHaveLength(before);
  });

  it("is backed by a CHECK constraint: a duration the UI does not offer cannot be stored", async () => {
    await expect(database.db.configuration.update({ where: { id: 1 }, data: { vpnSessionDuration: 7_200 } })).rejects.toThrow(/configuration_vpn_session_duration_check/);
    expect((await database.db.configuration.findUniqueOrThrow({ where: { id: 1 } })).vpnSessionDuration).toBe(3_600);
  });
});

describe("VPN session queries", () => {
  it("leave out expired and never-signed-in users' devices, and find the next expiry among live ones", async () => {
    const now = new Date();
    const make = async (email: string, lastSignInAt: Date | null, isDisabled = false) => {
      const user = await createUser(database.db, { email, passwordHash: null, role: "unprivileged" });
      await database.db.user.update({ where: { id: user.id }, data: { lastSignInAt, isDisabled } });
      await database.db.device.create({ data: { userId: user.id, name: "laptop", publicKey: `${email}-key` } });
      return user;
    };
    const live = await make("live@wiregui.test", new Date(now.getTime() - 10 * 60_000));
    await make("later@wiregui.test", new Date(now.getTime() - 5 * 60_000));
    await make("expired@wiregui.test", new Date(now.getTime() - 2 * 3_600_000));
    const never = await make("never@wiregui.test", null);
    await make("disabled@wiregui.test", new Date(now.getTime() - 50 * 60_000), true);

    const keys = (await listDesiredPeers(database.db, now)).map((peer) => peer.publicKey).sort();
    expect(keys).toEqual(["later@wiregui.test-key", "live@wiregui.test-key"]);
    expect(await findNextVpnSessionExpiry(database.db, now)).toEqual(new Date(now.getTime() - 10 * 60_000 + 3_600_000));
    expect(await countUsersWithoutVpnSession(database.db, 3_600, now)).toBe(2);
    expect(await findVpnSessionStatus(database.db, live.id, now)).toEqual({ kind: "active", endsAt: new Date(now.getTime() + 50 * 60_000) });
    expect(await findVpnSessionStatus(database.db, never.id, now)).toEqual({ kind: "not-signed-in" });

    await updateSecuritySettings(database.db, actor, { vpnSessionDuration: null });
    expect(await listDesiredPeers(database.db, now)).toHaveLength(4);
    expect(await findNextVpnSessionExpiry(database.db, now)).toBeNull();
    expect(await findVpnSessionStatus(database.db, never.id, now)).toEqual({ kind: "unlimited" });
  });

  it("wake the collector: a sign-in, a new duration and an isolation switch notify wiregui_peers, other updates do not", async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const payloads: string[] = [];
    listener.on("notification", (message) => payloads.push(message.payload ?? ""));
    try {
      await listener.query("LISTEN wiregui_peers");
      const user = await createUser(database.db, { email: "notify@wiregui.test", passwordHash: null, role: "unprivileged" });
      await database.db.user.update({ where: { id: user.id }, data: { name: "Renamed" } });
      await recordSignIn(database.db, user.id, "local");
      await updateSecuritySettings(database.db, actor, { vpnSessionDuration: 86_400 });
      await updateSecuritySettings(database.db, actor, { allowUnprivilegedDeviceManagement: true });
      await updateSecuritySettings(database.db, actor, { allowPeerToPeer: true });
      await updateSecuritySettings(database.db, actor, { allowServerNetworksToClients: true });
      await updateSecuritySettings(database.db, actor, { allowPeerToPeer: false, allowServerNetworksToClients: false });
      // A round trip on the listening connection delivers what was sent before it.
      await listener.query("SELECT 1");
      expect(payloads).toEqual([user.id, "1", "1", "1", "1"]);
    } finally {
      await listener.end();
    }
  });
});
