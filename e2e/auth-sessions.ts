// The server-side session records, for specs that need a sign-in to look older than it is.
import { expect } from "@playwright/test";
import pg from "pg";
import { serverEnv } from "./env";

/** Moves the user's sign-ins `minutes` into the past, as if they signed in that long ago. */
export async function ageSessions(email: string, minutes: number) {
  const client = new pg.Client({ connectionString: serverEnv.DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      "UPDATE auth_sessions SET authenticated_at = now() - make_interval(mins => $2) WHERE user_id = (SELECT id FROM users WHERE email = $1)",
      [email, minutes],
    );
    expect(rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}
