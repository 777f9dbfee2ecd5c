// Stored secrets sealed before key separation ("v1:", legacy key) are sealed again under the
// encryption key by `wiregui setup`, so the collector, holding only that key, can read them.
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { deriveEncryptionKey, deriveLegacyEncryptionKey } from "../crypto/keys";
import { SecretBox } from "../crypto/secret-box";
import { createConfiguration } from "../db/configuration";
import { createMfaMethod } from "../db/mfa";
import { createUser } from "../db/users";
import { applySetup } from "./setup";
import { resealSecrets } from "./reseal-secrets";

const authSecret = "reseal-integration-test-secret-0123456789";
const box = new SecretBox(authSecret);
const collectorBox = new SecretBox({ key: deriveEncryptionKey(authSecret) });
let database: TestDatabase;

/** What the SecretBox wrote before key separation. */
function sealLegacy(plaintext: string, secret = authSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveLegacyEncryptionKey(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64"))).join(":");
}

async function storedValues() {
  const [configuration, oidc, mfa] = await Promise.all([
    database.db.configuration.findUniqueOrThrow({ where: { id: 1 }, omit: { serverPrivateKeyEncrypted: false } }),
    database.db.oidcProvider.findMany({ orderBy: { slug: "asc" }, omit: { clientSecretEncrypted: false } }),
    database.db.mfaMethod.findMany({ omit: { secretEncrypted: false } }),
  ]);
  return { server: configuration.serverPrivateKeyEncrypted!, oidc: oidc.map((row) => row.clientSecretEncrypted), mfa: mfa.map((row) => row.secretEncrypted) };
}

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  await createConfiguration(database.db, { serverPrivateKeyEncrypted: sealLegacy("server private key"), serverPublicKey: "unused" });
  const user = await createUser(database.db, { email: "reseal@example.com", passwordHash: null, role: "unprivileged" });
  await createMfaMethod(database.db, { userId: user.id, name: "Phone", secretEncrypted: sealLegacy("JBSWY3DPEHPK3PXP"), lastUsedStep: 0 });
  const provider = { label: "IdP", clientId: "client", discoveryUrl: "http://127.0.0.1:1/.well-known/openid-configuration" };
  await database.db.oidcProvider.create({ data: { ...provider, slug: "a-legacy", clientSecretEncrypted: sealLegacy("client secret") } });
  await database.db.oidcProvider.create({ data: { ...provider, slug: "b-current", clientSecretEncrypted: box.seal("already current") } });
  await database.db.oidcProvider.create({ data: { ...provider, slug: "c-other-secret", clientSecretEncrypted: sealLegacy("someone else's", "another-deployment-secret-0123456789") } });
});
afterAll(() => database.drop());

describe("resealSecrets", () => {
  it("starts from values the collector cannot read", async () => {
    const before = await storedValues();
    expect(() => collectorBox.open(before.server)).toThrow(/old format.*wiregui setup/);
  });

  it("re-seals old values under the encryption key with its key id, leaves current and unreadable ones alone", async () => {
    const before = await storedValues();
    const report = await resealSecrets(database.db, box);
    expect(report.resealed).toBe(3);
    expect(report.unreadable).toEqual([{ table: "oidc_providers", id: expect.any(String), reason: expect.stringMatching(/could not be decrypted/) }]);

    const after = await storedValues();
    for (const value of [after.server, after.oidc[0]!, after.mfa[0]!]) expect(value.startsWith(`v2:${box.keyId}:`)).toBe(true);
    expect(collectorBox.open(after.server)).toBe("server private key");
    expect(collectorBox.open(after.oidc[0]!)).toBe("client secret");
    expect(collectorBox.open(after.mfa[0]!)).toBe("JBSWY3DPEHPK3PXP");
    expect(after.oidc[1]).toBe(before.oidc[1]);
    expect(after.oidc[2]).toBe(before.oidc[2]);
  });

  it("changes nothing the second time", async () => {
    const before = await storedValues();
    expect((await resealSecrets(database.db, box)).resealed).toBe(0);
    expect(await storedValues()).toEqual(before);
  });

  it("is part of setup, which says what it did", async () => {
    await database.db.configuration.update({ where: { id: 1 }, data: { serverPrivateKeyEncrypted: sealLegacy("server private key") } });
    const settings = { ipv4Network: "10.3.2.0/24", ipv6Network: "fd00::3:2:0/120", listenPort: 51820, endpoint: "vpn.example.com:51820" };
    const report = await applySetup(database.db, box, { admin: { email: "admin@example.com", password: "a good long password" }, settings, explicit: new Set() });
    expect(report.lines).toContain(`Re-encrypted 1 stored secret(s) with the encryption key (key id ${box.keyId}).`);
    expect(report.lines.some((line) => /A secret in oidc_providers \(.*\) cannot be read/.test(line))).toBe(true);
    expect(collectorBox.open((await storedValues()).server)).toBe("server private key");
  });
});
