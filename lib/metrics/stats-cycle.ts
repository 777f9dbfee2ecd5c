// One stats cycle: read `wg show <iface> dump`, compare each device's peer with what PostgreSQL
// holds, write only the rows that changed (one statement), hand the samples to the metrics pusher,
// and record the cycle. What PostgreSQL holds is kept in memory (this loop is the only writer of
// stats) and read again only when devices or users changed, so a quiet cycle costs three small
// statements. Rates come from the previous poll, or after a restart from the stored rows: every
// cycle writes what changed, so each row still held at the last recorded cycle.
import type { Db } from "../db/client";
import {
  getCollectorStatus,
  loadDevicesVersion,
  loadPeerStats,
  recordCycleStatus,
  toStoredCounter,
  writePeerStats,
  type PeerStatsUpdate,
  type StoredPeerStats,
} from "../db/stats";
import { errorMessage, type Logger } from "../log";
import type { RunCommand } from "../run-command";
import { formatEndpoint, type DumpPeer, type DumpProblem } from "../wireguard/dump";
import { readDump } from "../wireguard/read-dump";
import { formatLabels, sampleLine, typeLine } from "./exposition";
import type { MetricsPusher } from "./metrics-pusher";
import { counterRate, isConnected } from "./peer-stats";

export interface StatsCycleOptions {
  db: Db;
  run: RunCommand;
  interfaceName: string;
  log: Logger;
  source: "collector" | "web";
  pollIntervalSeconds: number;
  pusher?: MetricsPusher;
  now?: () => number;
}

export interface CycleSummary {
  peers: number;
  devicesSeen: number;
  written: number;
  connected: number;
  durationMs: number;
  /** Milliseconds per step, for the benchmark. */
  phases: { dump: number; load: number; compare: number; write: number; enqueue: number };
}

/** A device as PostgreSQL holds it, with its metric labels formatted once. */
interface Known extends PeerStatsUpdate {
  labels: string;
  statsUpdatedMs: number | null;
}

interface Reading {
  rx: bigint;
  tx: bigint;
  atMs: number;
}

const METRICS = {
  rx: "wiregui_peer_rx_bytes",
  tx: "wiregui_peer_tx_bytes",
  handshake: "wiregui_peer_latest_handshake_seconds",
  connected: "wiregui_peer_connected",
  total: "wiregui_peers_total",
} as const;

const HEADER = [
  typeLine(METRICS.rx, "counter", "Bytes received from the peer."),
  typeLine(METRICS.tx, "counter", "Bytes sent to the peer."),
  typeLine(METRICS.handshake, "gauge", "Unix time of the latest handshake; 0 if never."),
  typeLine(METRICS.connected, "gauge", "1 if the latest handshake is under 180 s old, else 0."),
  typeLine(METRICS.total, "gauge", "Peers with a handshake under 180 s old."),
].join("\n");

// Remembered problem messages, so a malformed line that stays in every dump is logged once.
const MAX_REMEMBERED_PROBLEMS = 1_000;
// Read every device again at least this often, whatever the version says.
const FULL_RELOAD_MS = 5 * 60_000;

function toKnown(row: StoredPeerStats): Known {
  return {
    id: row.id,
    labels: formatLabels({ public_key: row.publicKey, user_email: row.email, device_name: row.name }),
    rx: BigInt(row.rx),
    tx: BigInt(row.tx),
    handshakeMs: row.handshakeMs,
    remoteEndpoint: row.remoteEndpoint,
    rxRate: row.rxRate,
    txRate: row.txRate,
    statsUpdatedMs: row.statsUpdatedMs,
  };
}

function timer() {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return elapsed;
  };
}

export function createStatsCycle(options: StatsCycleOptions): () => Promise<CycleSummary> {
  const { db, run, interfaceName, log, pusher } = options;
  const now = options.now ?? Date.now;
  const previous = new Map<string, Reading>();
  const reportedProblems = new Set<string>();
  let known = new Map<string, Known>();
  let knownVersion: string | null = null;
  let knownAt = 0;
  // When the stored rows were last known to be current (the last recorded cycle), read once.
  let storedRowsAtMs: number | undefined;

  function reportProblems(problems: readonly DumpProblem[]) {
    for (const problem of problems) {
      if (reportedProblems.has(problem.message)) continue;
      if (reportedProblems.size >= MAX_REMEMBERED_PROBLEMS) reportedProblems.clear();
      reportedProblems.add(problem.message);
      log.warn(`wg show ${interfaceName} dump, line ${problem.line}: ${problem.message}; line skipped`);
    }
  }

  async function refreshKnown(): Promise<void> {
    storedRowsAtMs ??= (await getCollectorStatus(db, interfaceName))?.lastCycleAt?.getTime() ?? 0;
    const version = await loadDevicesVersion(db);
    if (version === knownVersion && now() - knownAt < FULL_RELOAD_MS) return;
    known = new Map((await loadPeerStats(db)).map((row) => [row.publicKey, toKnown(row)]));
    knownVersion = version;
    knownAt = now();
    for (const key of previous.keys()) if (!known.has(key)) previous.delete(key);
  }

  function previousReading(publicKey: string, device: Known): Reading | null {
    const kept = previous.get(publicKey);
    if (kept) return kept;
    if (device.statsUpdatedMs === null) return null;
    return { rx: device.rx, tx: device.tx, atMs: Math.max(device.statsUpdatedMs, storedRowsAtMs ?? 0) };
  }

  /** The row's new values, or null when PostgreSQL already holds them (most peers, most cycles). */
  function compare(publicKey: string, device: Known, peer: DumpPeer, handshakeMs: number | null, atMs: number): PeerStatsUpdate | null {
    const before = previousReading(publicKey, device);
    const seconds = before ? (atMs - before.atMs) / 1000 : 0;
    // Two polls in the same millisecond say nothing about the rate: keep the stored one.
    const keepRates = before !== null && seconds <= 0;
    const rxRate = keepRates ? device.rxRate : before ? counterRate(before.rx, peer.rxBytes, seconds) : null;
    const txRate = keepRates ? device.txRate : before ? counterRate(before.tx, peer.txBytes, seconds) : null;
    if (before && previous.has(publicKey)) Object.assign(before, { rx: peer.rxBytes, tx: peer.txBytes, atMs });
    else previous.set(publicKey, { rx: peer.rxBytes, tx: peer.txBytes, atMs });
    const rx = toStoredCounter(peer.rxBytes);
    const tx = toStoredCounter(peer.txBytes);
    const isSame =
      device.statsUpdatedMs !== null &&
      device.rx === rx &&
      device.tx === tx &&
      device.handshakeMs === handshakeMs &&
      device.rxRate === rxRate &&
      device.txRate === txRate &&
      device.remoteEndpoint === (peer.endpoint ? formatEndpoint(peer.endpoint) : null);
    if (isSame) return null;
    return { id: device.id, rx, tx, handshakeMs, remoteEndpoint: peer.endpoint ? formatEndpoint(peer.endpoint) : null, rxRate, txRate };
  }

  async function record(atMs: number, outcome: Pick<Parameters<typeof recordCycleStatus>[1], "cycle" | "error">) {
    await recordCycleStatus(db, { interfaceName, source: options.source, pollIntervalSeconds: options.pollIntervalSeconds, push: pusher?.status(), ...outcome });
  }

  return async function runCycle() {
    const started = performance.now();
    const mark = timer();
    const atMs = now();
    try {
      const dump = await readDump(run, interfaceName);
      const dumpMs = mark();
      reportProblems(dump.problems);
      await refreshKnown();
      const loadMs = mark();

      const updates: PeerStatsUpdate[] = [];
      const changed: Array<[Known, PeerStatsUpdate]> = [];
      const lines: string[] = pusher ? [HEADER] : [];
      const timestamp = String(Math.round(atMs));
      const seen = new Set<string>();
      let connected = 0;
      for (const peer of dump.peers) {
        const device = known.get(peer.publicKey);
        // A peer without a device is drift the reconciler removes; it has no owner to label.
        if (!device) continue;
        seen.add(peer.publicKey);
        const handshakeMs = peer.latestHandshakeAt?.getTime() ?? null;
        const update = compare(peer.publicKey, device, peer, handshakeMs, atMs);
        if (update) changed.push([device, update]);
        const isPeerConnected = isConnected(handshakeMs, atMs);
        if (isPeerConnected) connected += 1;
        if (pusher) {
          // sampleLine's output, written out: this runs 40,000 times a cycle for 10,000 peers.
          const { labels } = device;
          lines.push(
            `${METRICS.rx}${labels} ${peer.rxBytes} ${timestamp}\n${METRICS.tx}${labels} ${peer.txBytes} ${timestamp}\n` +
              `${METRICS.handshake}${labels} ${handshakeMs === null ? 0 : handshakeMs / 1000} ${timestamp}\n${METRICS.connected}${labels} ${isPeerConnected ? 1 : 0} ${timestamp}`,
          );
        }
      }
      // A device whose peer is gone from the interface moves nothing: its rate must not stay up. A
      // peer whose line could not be read this time is not gone: it keeps its rate and reading.
      const unreadable = new Set(dump.problems.flatMap((problem) => (problem.publicKey ? [problem.publicKey] : [])));
      for (const [publicKey, device] of known) {
        if (seen.has(publicKey) || unreadable.has(publicKey) || ((device.rxRate ?? 0) === 0 && (device.txRate ?? 0) === 0)) continue;
        previous.delete(publicKey);
        changed.push([device, { ...device, rxRate: 0, txRate: 0 }]);
      }
      for (const [, update] of changed) updates.push(update);
      const compareMs = mark();

      const written = await writePeerStats(db, updates, atMs);
      for (const [device, update] of changed) Object.assign(device, { ...update, id: device.id, statsUpdatedMs: atMs });
      const writeMs = mark();
      if (pusher) {
        lines.push(sampleLine(METRICS.total, "", connected, atMs));
        await pusher.enqueue(`${lines.join("\n")}\n`);
      }
      const enqueueMs = mark();
      const summary: CycleSummary = {
        peers: dump.peers.length,
        devicesSeen: seen.size,
        written,
        connected,
        durationMs: performance.now() - started,
        phases: { dump: dumpMs, load: loadMs, compare: compareMs, write: writeMs, enqueue: enqueueMs },
      };
      await record(atMs, { cycle: { at: new Date(atMs), durationMs: summary.durationMs, peersOnInterface: summary.peers, peersConnected: connected } });
      return summary;
    } catch (error) {
      // What is in memory may no longer match PostgreSQL (a write may have failed half-way).
      knownVersion = null;
      await record(atMs, { error: { at: new Date(atMs), message: errorMessage(error) } }).catch(() => undefined);
      throw error;
    }
  };
}
