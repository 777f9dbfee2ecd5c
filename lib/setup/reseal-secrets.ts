// Seals every stored secret again under the current encryption key: values from before key
// separation ("v1:", under the legacy AUTH_SECRET-derived key) become "v2:<key id>:...", which the
// collector, holding only the encryption key, can read. Run by `wiregui setup`; safe to repeat.
import { SecretBox } from "../crypto/secret-box";
import { createDb, type Db } from "../db/client";
import type { Env } from "../env";
import { createLogger, errorMessage } from "../log";

// Table and column names are constants, never input: they are interpolated into the SQL below.
const SEALED_COLUMNS = [
  { table: "configuration", column: "server_private_key_encrypted" },
  { table: "devices", column: "preshared_key_encrypted" },
  { table: "oidc_providers", column: "client_secret_encrypted" },
  { table: "saml_providers", column: "sp_private_key_encrypted" },
  { table: "mfa_methods", column: "secret_encrypted" },
] as const;

export interface ResealReport {
  resealed: number;
  /** Values no key of this process opens (AUTH_SECRET changed since): left as they are. */
  unreadable: { table: string; id: string; reason: string }[];
}

export async function resealSecrets(db: Db, box: SecretBox): Promise<ResealReport> {
  const report: ResealReport = { resealed: 0, unreadable: [] };
  for (const { table, column } of SEALED_COLUMNS) {
    const rows = await db.$queryRawUnsafe<{ id: string; sealed: string }[]>(
      `SELECT id::text AS id, ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
      // Key ids are base64url: "_" is LIKE's one-character wildcard.
      `v2:${box.keyId.replaceAll("_", "\\_")}:%`,
    );
    for (const row of rows.filter((candidate) => box.needsResealing(candidate.sealed))) {
      let plaintext: string;
      try {
        plaintext = box.open(row.sealed);
      } catch (error) {
        report.unreadable.push({ table, id: row.id, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      // Only if nobody changed the value meanwhile (a new preshared key written by the web app).
      report.resealed += await db.$executeRawUnsafe(`UPDATE ${table} SET ${column} = $1 WHERE id::text = $2 AND ${column} = $3`, box.seal(plaintext), row.id, row.sealed);
    }
  }
  return report;
}

/** The web app's start-up pass: logged, never fatal (the web app reads old values itself). */
export function resealStoredSecretsInBackground(env: Env, log = createLogger("web")): void {
  const db = createDb(env.DATABASE_URL);
  resealSecrets(db, new SecretBox(env.AUTH_SECRET))
    .then((report) => {
      if (report.resealed > 0) log.info(`re-encrypted ${report.resealed} stored secret(s) with the encryption key`);
      for (const { table, id } of report.unreadable) log.warn(`a secret in ${table} (${id}) cannot be read with this AUTH_SECRET: left as it is`);
    })
    .catch((error: unknown) => log.warn(`could not re-encrypt stored secrets: ${errorMessage(error)}`))
    .finally(() => void db.$disconnect());
}
