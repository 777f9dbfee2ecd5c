import "server-only";
import { getDbFor, type Db } from "../db/client";
import { getEnv } from "../env";

export function getDb(): Db {
  return getDbFor(getEnv().DATABASE_URL);
}
