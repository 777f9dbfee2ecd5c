// Sends each cycle's samples to VictoriaMetrics (/api/v1/import/prometheus). Pushing never holds
// up polling: batches queue and one sender drains them oldest first. While VictoriaMetrics is down
// or slow, batches wait in a bounded buffer (by age and size; the oldest are dropped first),
// gzip-compressed to a tenth of their size, and go out when it answers again with their original
// timestamps, so a short outage leaves no gap. A batch sent at once is not compressed: that costs
// more time than it saves on the way to a nearby VictoriaMetrics.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { errorMessage, type Logger } from "../log";

const gzipAsync = promisify(gzip);

export interface PusherOptions {
  /** Base URL, e.g. http://localhost:8428. */
  url: string;
  log: Logger;
  /** The buffer keeps at least this much history (by batch count at the poll interval). */
  bufferSeconds: number;
  pollIntervalSeconds: number;
  maxBufferBytes?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PushStatus {
  lastPushAt: Date | null;
  lastError: string | null;
  /** Batches waiting to be sent. */
  buffered: number;
  dropped: number;
}

export interface MetricsPusher {
  /** Queues one cycle's exposition text and starts sending if idle. */
  enqueue(text: string): Promise<void>;
  /** Sends what it can before the deadline (shutdown); true when nothing is left. */
  flush(deadlineMs: number): Promise<boolean>;
  status(): PushStatus;
}

interface Batch {
  body: Buffer;
  isCompressed: boolean;
}

class RejectedBatchError extends Error {}

export const DEFAULT_MAX_BUFFER_BYTES = 256 * 1024 * 1024;

export function createMetricsPusher(options: PusherOptions): MetricsPusher {
  const { log } = options;
  const send = options.fetch ?? fetch;
  const endpoint = `${options.url}/api/v1/import/prometheus`;
  const maxBatches = Math.max(1, Math.ceil(options.bufferSeconds / options.pollIntervalSeconds));
  const maxBytes = options.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const queue: Batch[] = [];
  let queuedBytes = 0;
  let sending: Promise<void> | null = null;
  let isDown = false;
  let hasWarnedFull = false;
  const state: PushStatus = { lastPushAt: null, lastError: null, buffered: 0, dropped: 0 };
  // Since VictoriaMetrics stopped answering: for the recovery log line.
  let droppedAtDown = 0;
  let sentSinceDown = 0;
  const reportedRejections = new Set<string>();

  function dropOldest() {
    const dropped = queue.shift();
    if (!dropped) return;
    queuedBytes -= dropped.body.length;
    state.dropped += 1;
    if (!hasWarnedFull) {
      hasWarnedFull = true;
      log.warn(`the VictoriaMetrics buffer is full (${maxBatches} batches or ${Math.round(maxBytes / 1048576)} MiB): dropping the oldest samples until it drains`);
    }
  }

  async function post(batch: Batch, deadlineMs: number) {
    const response = await send(endpoint, {
      method: "POST",
      headers: { "content-type": "text/plain; version=0.0.4", ...(batch.isCompressed && { "content-encoding": "gzip" }) },
      body: new Uint8Array(batch.body),
      signal: AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, deadlineMs - Date.now()))),
    });
    if (!response.ok) {
      const said = (await response.text().catch(() => "")).trim().split("\n")[0]?.slice(0, 200);
      const message = `HTTP ${response.status}${said ? `: ${said}` : ""}`;
      // VictoriaMetrics refuses this batch for what it is: retrying it would block every later one.
      const isPermanent = response.status >= 400 && response.status < 500 && ![401, 403, 408, 429].includes(response.status);
      throw isPermanent ? new RejectedBatchError(message) : new Error(message);
    }
    await response.arrayBuffer().catch(() => undefined);
  }

  function removeHead(batch: Batch) {
    if (queue[0] !== batch) return;
    queue.shift();
    queuedBytes -= batch.body.length;
  }

  async function drain(deadlineMs: number) {
    while (queue.length > 0 && Date.now() < deadlineMs) {
      const batch = queue[0]!;
      try {
        await post(batch, deadlineMs);
      } catch (error) {
        if (error instanceof RejectedBatchError) {
          removeHead(batch);
          state.dropped += 1;
          state.lastError = `${endpoint} refused a batch: ${error.message}`;
          if (!reportedRejections.has(error.message)) {
            reportedRejections.add(error.message);
            log.error(`VictoriaMetrics refused a batch of samples (${error.message}); dropped it and went on`);
          }
          continue;
        }
        state.lastError = `${endpoint}: ${errorMessage(error)}`;
        if (!isDown) {
          isDown = true;
          droppedAtDown = state.dropped;
          sentSinceDown = 0;
          log.warn(`cannot push to VictoriaMetrics (${state.lastError}); buffering samples and retrying every cycle`);
        }
        await compressWaiting();
        return;
      }
      removeHead(batch);
      sentSinceDown += 1;
      state.lastPushAt = new Date();
    }
    if (isDown && queue.length === 0) {
      isDown = false;
      hasWarnedFull = false;
      state.lastError = null;
      const lost = state.dropped - droppedAtDown;
      log.info(`VictoriaMetrics answers again: sent ${sentSinceDown} buffered batch${sentSinceDown === 1 ? "" : "es"}${lost > 0 ? `, ${lost} dropped while the buffer was full` : ""}`);
    }
  }

  /** Batches that wait are kept compressed. */
  async function compressWaiting() {
    for (const batch of queue) {
      if (batch.isCompressed) continue;
      const compressed = await gzipAsync(batch.body, { level: 1 });
      queuedBytes += compressed.length - batch.body.length;
      Object.assign(batch, { body: compressed, isCompressed: true });
    }
  }

  function startSending(deadlineMs = Number.POSITIVE_INFINITY): Promise<void> {
    sending ??= drain(deadlineMs).finally(() => {
      sending = null;
      state.buffered = queue.length;
    });
    return sending;
  }

  return {
    async enqueue(text) {
      const body = Buffer.from(text, "utf8");
      // While batches wait, this one will too: compress it now.
      const batch = sending || queue.length > 0 ? { body: await gzipAsync(body, { level: 1 }), isCompressed: true } : { body, isCompressed: false };
      queue.push(batch);
      queuedBytes += batch.body.length;
      while (queue.length > maxBatches || (queuedBytes > maxBytes && queue.length > 1)) dropOldest();
      state.buffered = queue.length;
      void startSending();
    },
    async flush(deadlineMs) {
      if (sending) await Promise.race([sending, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadlineMs - Date.now())).unref())]);
      if (queue.length > 0 && !sending && Date.now() < deadlineMs) await startSending(deadlineMs);
      return queue.length === 0;
    },
    // While VictoriaMetrics keeps up, the batch being sent is not "waiting".
    status: () => ({ ...state, buffered: isDown || !sending ? queue.length : Math.max(0, queue.length - 1) }),
  };
}
