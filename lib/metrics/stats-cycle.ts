// One stats cycle: read `wg show <iface> dump`, compare each device's peer with what PostgreSQL
// holds, write only the rows that changed (one statement), hand the samples to the metrics pusher,
// and record the cycle. Rates come from the previous poll kept in memory, or after a restart from
// the stored rows: every cycle writes what changed, so each row still held at the last recorded
// cycle.
import type { Db } from "../db/client";
import { getCollectorStatus, loadPeerStats, recordCycleStatus, toStoredCounter, writePeerStats, type PeerStatsUpdate, type StoredPeerStats } from "../db/stats";
import { formatLabels, sampleLine, typeLine } from "./exposition";
import { counterRate, isConnected } from "./peer-stats";
import { formatEndpoint, type DumpPeer, type DumpProblem } from "../wireguard/dump";
import { errorMessage, type Logger } from "../log";
import type { MetricsPusher } from "./metrics-pusher";
import type { RunCommand } from "../run-command";
import { readDump } from "../wireguard/read-dump";

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

export function createStatsCycle(options: StatsCycleOptions): () => Promise<CycleSummary> {
  const { db, run, interfaceName, log, pusher } = options;
  const now = options.now ?? Date.now;
  const previous = new Map<string, Reading>();
  const reportedProblems = new Set<string>();
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

  function previousReading(row: StoredPeerStats): Reading | null {
    const kept = previous.get(row.publicKey);
    if (kept) return kept;
    if (row.statsUpdatedMs === null) return null;
    return { rx: BigInt(row.rx), tx: BigInt(row.tx), atMs: Math.max(row.statsUpdatedMs, storedRowsAtMs ?? 0) };
  }

  function compare(row: StoredPeerStats, peer: DumpPeer, atMs: number): PeerStatsUpdate | null {
    const before = previousReading(row);
    const seconds = before ? (atMs - before.atMs) / 1000 : 0;
    const update: PeerStatsUpdate = {
      id: row.id,
      rx: peer.rxBytes,
      tx: peer.txBytes,
      handshakeMs: peer.latestHandshakeAt?.getTime() ?? null,
      remoteEndpoint: peer.endpoint ? formatEndpoint(peer.endpoint) : null,
      rxRate: before ? counterRate(before.rx, peer.rxBytes, seconds) : null,
      txRate: before ? counterRate(before.tx, peer.txBytes, seconds) : null,
    };
    // Two polls in the same millisecond say nothing about the rate: keep the stored one.
    if (before && seconds <= 0) Object.assign(update, { rxRate: row.rxRate, txRate: row.txRate });
    previous.set(row.publicKey, { rx: peer.rxBytes, tx: peer.txBytes, atMs });
    const isSame =
      row.statsUpdatedMs !== null &&
      row.rx === toStoredCounter(update.rx).toString() &&
      row.tx === toStoredCounter(update.tx).toString() &&
      row.handshakeMs === update.handshakeMs &&
      row.remoteEndpoint === update.remoteEndpoint &&
      row.rxRate === update.rxRate &&
      row.txRate === update.txRate;
    return isSame ? null : update;
  }

  return async function runCycle() {
    const started = performance.now();
    const atMs = now();
    try {
      const dump = await readDump(run, interfaceName);
      reportProblems(dump.problems);
      storedRowsAtMs ??= (await getCollectorStatus(db, interfaceName))?.lastCycleAt?.getTime() ?? 0;
      const rows = await loadPeerStats(db);
      const byKey = new Map(rows.map((row) => [row.publicKey, row]));
      const updates: PeerStatsUpdate[] = [];
      const lines: string[] = [HEADER];
      const seen = new Set<string>();
      let connected = 0;
      for (const peer of dump.peers) {
        const row = byKey.get(peer.publicKey);
        // A peer without a device is drift the reconciler removes; it has no owner to label.
        if (!row) continue;
        seen.add(peer.publicKey);
        const update = compare(row, peer, atMs);
        if (update) updates.push(update);
        const handshakeMs = peer.latestHandshakeAt?.getTime() ?? null;
        const isPeerConnected = isConnected(handshakeMs, atMs);
        if (isPeerConnected) connected += 1;
        if (pusher) {
          const labels = formatLabels({ public_key: row.publicKey, user_email: row.email, device_name: row.name });
          lines.push(
            sampleLine(METRICS.rx, labels, peer.rxBytes, atMs),
            sampleLine(METRICS.tx, labels, peer.txBytes, atMs),
            sampleLine(METRICS.handshake, labels, handshakeMs === null ? 0 : handshakeMs / 1000, atMs),
            sampleLine(METRICS.connected, labels, isPeerConnected ? 1 : 0, atMs),
          );
        }
      }
      // A device whose peer is gone from the interface moves nothing: its rate must not stay up.
      for (const row of rows) {
        if (seen.has(row.publicKey) || ((row.rxRate ?? 0) === 0 && (row.txRate ?? 0) === 0)) continue;
        previous.delete(row.publicKey);
        updates.push({ id: row.id, rx: BigInt(row.rx), tx: BigInt(row.tx), handshakeMs: row.handshakeMs, remoteEndpoint: row.remoteEndpoint, rxRate: 0, txRate: 0 });
      }
      for (const key of previous.keys()) if (!byKey.has(key)) previous.delete(key);
      const written = await writePeerStats(db, updates, atMs);
      if (pusher) {
        lines.push(sampleLine(METRICS.total, "", connected, atMs));
        await pusher.enqueue(`${lines.join("\n")}\n`);
      }
      const summary: CycleSummary = { peers: dump.peers.length, devicesSeen: seen.size, written, connected, durationMs: performance.now() - started };
      await recordCycleStatus(db, {
        interfaceName,
        source: options.source,
        pollIntervalSeconds: options.pollIntervalSeconds,
        cycle: { at: new Date(atMs), durationMs: summary.durationMs, peersOnInterface: summary.peers, peersConnected: connected },
        push: pusher?.status(),
      });
      return summary;
    } catch (error) {
      await recordCycleStatus(db, {
        interfaceName,
        source: options.source,
        pollIntervalSeconds: options.pollIntervalSeconds,
        error: { at: new Date(atMs), message: errorMessage(error) },
        push: pusher?.status(),
      }).catch(() => undefined);
      throw error;
    }
  };
}
