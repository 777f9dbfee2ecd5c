// The e2e server's database, for specs that set up or check rows directly.
import pg from "pg";
import { serverEnv } from "./env";

/** One statement on its own connection; the rows it returns. */
export async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverEnv.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
