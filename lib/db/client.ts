// The one Prisma client factory. Secret columns are omitted unless a query asks for them.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export const secretColumns = {
  user: { passwordHash: true },
  device: { presharedKeyEncrypted: true },
  configuration: { serverPrivateKeyEncrypted: true },
  oidcProvider: { clientSecretEncrypted: true },
  samlProvider: { spPrivateKeyEncrypted: true },
  mfaMethod: { secretEncrypted: true },
  apiToken: { tokenHash: true },
} as const;

/** statementTimeoutMs: long-running loops (the stats cycle) fail a hung query instead of stalling. */
export function createDb(databaseUrl: string, options: { statementTimeoutMs?: number } = {}) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, ...(options.statementTimeoutMs && { statement_timeout: options.statementTimeoutMs }) }),
    omit: secretColumns,
  });
}

export type Db = ReturnType<typeof createDb>;

/** A client or an interactive transaction's: what query functions that may run inside one accept. */
export type DbClient = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Runs `work` in a transaction holding the configuration row's lock: changes to who can sign in
 * (password sign-in, providers, disconnects) check and write one at a time, so two parallel
 * requests cannot each leave the other as the last way in.
 */
export function withSignInRulesLock<T>(db: Db, work: (tx: DbClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM configuration WHERE id = 1 FOR UPDATE`;
    return work(tx);
  });
}

const globalCache = globalThis as unknown as { wireguiDbs?: Map<string, Db> };

/** One client per process (per URL); cached on globalThis so dev-server reloads do not leak pools. */
export function getDbFor(databaseUrl: string): Db {
  globalCache.wireguiDbs ??= new Map();
  let db = globalCache.wireguiDbs.get(databaseUrl);
  if (!db) {
    db = createDb(databaseUrl);
    globalCache.wireguiDbs.set(databaseUrl, db);
  }
  return db;
}
