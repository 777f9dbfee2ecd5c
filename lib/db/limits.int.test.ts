// The size limits as CHECK constraints (migration 20261204200500_limits): a writer that skips the
// zod schemas still cannot store a longer string or list. Each limit is tried at its value (stored)
// and one past it (refused, naming the constraint), on a row written straight to PostgreSQL.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { MFA_NAME_MAX_LENGTH } from "../mfa/schemas";
import {
  ALLOWED_IPS_MAX_ENTRIES,
  DEVICE_DESCRIPTION_MAX_LENGTH,
  DEVICE_NAME_MAX_LENGTH,
  DNS_MAX_ENTRIES,
  EMAIL_MAX_LENGTH,
  ENDPOINT_MAX_LENGTH,
  MAX_DEVICES_PER_USER_RANGE,
  USER_NAME_MAX_LENGTH,
} from "../validation/limits";
import { createConfiguration } from "./configuration";
import { createUser } from "./users";

let database: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase(inject("templateDatabaseUrl"));
  const db = database.db;
  await createConfiguration(db, {});
  const user = await createUser(db, { email: "limits@example.com", passwordHash: null, role: "unprivileged" });
  ids.users = user.id;
  ids.devices = (await db.device.create({ data: { userId: user.id, name: "laptop", publicKey: `${"A".repeat(43)}=` } })).id;
  ids.egress_rules = (await db.egressRule.create({ data: { action: "drop", destination: "10.9.0.0/16" } })).id;
  ids.api_tokens = (await db.apiToken.create({ data: { userId: user.id, name: "script", tokenHash: "h", prefix: "wgui_" } })).id;
  ids.mfa_methods = (await db.mfaMethod.create({ data: { userId: user.id, type: "totp", name: "phone", secretEncrypted: "v1:x" } })).id;
  ids.oidc_providers = (await db.oidcProvider.create({ data: { slug: "corp", label: "Corp", clientId: "id", clientSecretEncrypted: "v1:x", discoveryUrl: "http://127.0.0.1/" } })).id;
  ids.saml_providers = (await db.samlProvider.create({ data: { slug: "corp", label: "Corp", spEntityId: "sp" } })).id;
  ids.sso_connections = (await db.ssoConnection.create({ data: { userId: user.id, subject: "s", providerKind: "oidc", providerSlug: "corp", providerLabel: "Corp" } })).id;
});
afterAll(() => database.drop());

const text = (length: number) => "x".repeat(length);
const list = (length: number) => Array.from({ length }, (_, index) => `10.0.${index}.0/24`);

type Limit = [table: string, column: string, atLimit: unknown, pastLimit: unknown, sqlType?: string];
const limits: Limit[] = [
  ["configuration", "max_devices_per_user", MAX_DEVICES_PER_USER_RANGE.max, MAX_DEVICES_PER_USER_RANGE.max + 1, "int"],
  ["configuration", "max_devices_per_user", MAX_DEVICES_PER_USER_RANGE.min, MAX_DEVICES_PER_USER_RANGE.min - 1, "int"],
  ["configuration", "default_client_allowed_ips", list(ALLOWED_IPS_MAX_ENTRIES), list(ALLOWED_IPS_MAX_ENTRIES + 1), "text[]"],
  ["configuration", "default_client_dns", list(DNS_MAX_ENTRIES), list(DNS_MAX_ENTRIES + 1), "text[]"],
  ["configuration", "default_client_endpoint", text(ENDPOINT_MAX_LENGTH), text(ENDPOINT_MAX_LENGTH + 1)],
  ["devices", "name", text(DEVICE_NAME_MAX_LENGTH), text(DEVICE_NAME_MAX_LENGTH + 1)],
  ["devices", "name", "x", ""],
  ["devices", "description", text(DEVICE_DESCRIPTION_MAX_LENGTH), text(DEVICE_DESCRIPTION_MAX_LENGTH + 1)],
  ["devices", "endpoint", text(ENDPOINT_MAX_LENGTH), text(ENDPOINT_MAX_LENGTH + 1)],
  ["devices", "allowed_ips", list(ALLOWED_IPS_MAX_ENTRIES), list(ALLOWED_IPS_MAX_ENTRIES + 1), "text[]"],
  ["devices", "dns", list(DNS_MAX_ENTRIES), list(DNS_MAX_ENTRIES + 1), "text[]"],
  ["users", "email", text(EMAIL_MAX_LENGTH), text(EMAIL_MAX_LENGTH + 1)],
  ["users", "name", text(USER_NAME_MAX_LENGTH), text(USER_NAME_MAX_LENGTH + 1)],
  ["egress_rules", "description", text(200), text(201)],
  ["api_tokens", "name", text(64), text(65)],
  ["mfa_methods", "name", text(MFA_NAME_MAX_LENGTH), text(MFA_NAME_MAX_LENGTH + 1)],
  ["oidc_providers", "label", text(60), text(61)],
  ["oidc_providers", "client_id", text(500), text(501)],
  ["oidc_providers", "discovery_url", text(2000), text(2001)],
  ["oidc_providers", "scopes", text(500), text(501)],
  ["saml_providers", "label", text(60), text(61)],
  ["saml_providers", "idp_metadata_xml", text(200_000), text(200_001)],
  ["saml_providers", "idp_metadata_url", text(2000), text(2001)],
  ["saml_providers", "sp_entity_id", text(500), text(501)],
  ["saml_providers", "email_attribute", text(200), text(201)],
  ["saml_providers", "name_attribute", text(200), text(201)],
  ["sso_connections", "provider_label", text(60), text(61)],
];

describe("size limits in PostgreSQL", () => {
  it.each(limits)("%s.%s: stores the limit, refuses one past it", async (table, column, atLimit, pastLimit, sqlType = "text") => {
    const where = table === "configuration" ? "id = 1" : `id = '${ids[table]}'::uuid`;
    const update = (value: unknown) => database.db.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1::${sqlType} WHERE ${where}`, value);
    expect(await update(atLimit)).toBe(1);
    await expect(update(pastLimit)).rejects.toThrow(/violates check constraint/);
  });
});
