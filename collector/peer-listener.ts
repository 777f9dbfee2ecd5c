// LISTEN for peer changes (the devices trigger's pg_notify), on its own connection: a pooled
// Prisma connection cannot hold a LISTEN. After a database error it reconnects with a growing
// delay and reports each (re)connection, because notifications sent meanwhile are lost.
import pg from "pg";
import { errorMessage, type Logger } from "../lib/log";

export const PEER_CHANNEL = "wiregui_peers";
export const LISTENER_APPLICATION_NAME = "wiregui-collector-listen";

export interface PeerListenerOptions {
  databaseUrl: string;
  onChange: (deviceId: string) => void;
  /** Called after every successful LISTEN, the first one included. */
  onListening: (isReconnect: boolean) => void;
  log: Logger;
  retryDelaysMs?: readonly number[];
}

export interface PeerListener {
  stop(): Promise<void>;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function startPeerListener({ databaseUrl, onChange, onListening, log, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS }: PeerListenerOptions): PeerListener {
  let client: pg.Client | null = null;
  let isStopped = false;
  let failures = 0;
  let hasListened = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function connect() {
    retryTimer = null;
    const connection = new pg.Client({
      connectionString: databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    let isLost = false;
    let isListening = false;
    const lose = (reason: string) => {
      if (isLost) return;
      isLost = true;
      if (client === connection) client = null;
      connection.end().catch(() => undefined);
      if (isStopped) return;
      const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)] ?? 1_000;
      failures += 1;
      log.warn(`LISTEN ${PEER_CHANNEL} ${isListening ? "connection lost" : "could not connect"} (${reason}); reconnecting in ${delay} ms`);
      retryTimer = setTimeout(() => void connect(), delay);
    };
    connection.on("notification", (message) => {
      if (message.channel === PEER_CHANNEL) onChange(message.payload ?? "");
    });
    connection.on("error", (error) => lose(errorMessage(error)));
    connection.on("end", () => lose("the server closed the connection"));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${PEER_CHANNEL}`);
    } catch (error) {
      lose(errorMessage(error));
      return;
    }
    if (isStopped || isLost) {
      if (!isLost) await connection.end().catch(() => undefined);
      return;
    }
    client = connection;
    isListening = true;
    failures = 0;
    log.info(`listening for peer changes (LISTEN ${PEER_CHANNEL})${hasListened ? " again" : ""}`);
    onListening(hasListened);
    hasListened = true;
  }

  void connect();
  return {
    async stop() {
      isStopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}
