// The previous release's data (test/upgrade/old-release-data.sql) and the plain values behind its
// hashes and sealed secrets, which the upgrade test uses to sign in and decrypt after upgrading.
import { readFileSync } from "node:fs";
import type pg from "pg";

export const OLD_RELEASE = {
  authSecret: "upgrade-test-auth-secret-of-the-old-release-0123",
  admin: { id: "aaaaaaaa-0000-4000-8000-000000000001", email: "admin@example.com", password: "old release admin password", sessionVersion: 2 },
  alice: { id: "aaaaaaaa-0000-4000-8000-000000000002", email: "alice@example.com", password: "alice's old password", totpSecret: "663PD5HOVXC3AM7YTGHGXGIXZ6VGPO5U" },
  bob: { id: "aaaaaaaa-0000-4000-8000-000000000003" },
  serverPublicKey: "jrorEmwjKvWVE2V+3BscpFegMoeMydc4W9l050Ddswo=",
  /** Preshared keys of the devices that have one, by device id. */
  presharedKeys: {
    "dddddddd-0000-4000-8000-000000000001": "xIafpUoUGYODX52ZnSlFHKRg4yym+TunbsSdys6nGME=",
    "dddddddd-0000-4000-8000-000000000002": "XFdAaKKFPUt2s6j/Z92LrNQkGuq4y4O9k88G1ERz8yU=",
    "dddddddd-0000-4000-8000-000000000003": "D5ySCcBVwxPIh51dCmHd7ILmnCsphCDl/t8nwz4Q5Po=",
    "dddddddd-0000-4000-8000-000000000004": "NG6KeJa2x/7hvG+wrnKgj6z37r8zkFYSHqKNLf57rIo=",
  } as Record<string, string>,
  oidcClientSecret: "corp-oidc-client-secret",
  adminApiToken: "wgui_7sex7ULzbU-iwkr11ielGt0aiUrLwZPMFG-6q1bkJLI",
  adminSessionId: "b5b5b5b5-0000-4000-8000-000000000001",
} as const;

const DATA_FILE = new URL("./old-release-data.sql", import.meta.url);
const SECTION_HEADER = /^-- table: ([a-z_]+)[ \t]*$/gm;

export interface DataSection {
  table: string;
  sql: string;
}

/** The file's sections, in its order (parents before children); the text before the first is its header. */
export function readDataSections(): DataSection[] {
  const text = readFileSync(DATA_FILE, "utf8");
  const headers = [...text.matchAll(SECTION_HEADER)];
  return headers.map((header, index) => ({ table: header[1]!, sql: text.slice(header.index + header[0].length, headers[index + 1]?.index ?? text.length) }));
}

/** Inserts the sections in one transaction; a failing one is named with the database's reason. */
export async function loadDataSections(client: pg.Client, sections: readonly DataSection[]): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const section of sections) {
      await client.query(section.sql).catch((error: unknown) => {
        throw new Error(`rows of ${section.table} in test/upgrade/old-release-data.sql: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
