// Checks shared by stack:verify (namespaces) and compose:verify (containers): per-client handshake
// and traffic from two `wg show dump` samples, fresh stats in PostgreSQL and the five metrics in
// VictoriaMetrics, and an egress drop rule that must block one port and open it again.
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "../lib/db/client";
import type { DumpPeer } from "../lib/wireguard/dump";
import { ruleInputSchema } from "../lib/rules/schema";
import { deleteRule, saveRule } from "../lib/rules/service";
import { gatewayAddress } from "../lib/net/allocate";
import { updateSecuritySettings } from "../lib/settings/security-settings";

// WireGuard starts a new handshake every 2 minutes while traffic flows.
export const HANDSHAKE_MAX_AGE_S = 180;
// Longer than one round of the clients' pings (every 3 s).
export const SAMPLE_GAP_MS = 4_000;
// The collector polls every WG_METRICS_POLL_INTERVAL (5 s); a row changes every poll while pinging.
const STATS_MAX_AGE_MS = 20_000;
const PER_PEER_METRICS = ["wiregui_peer_rx_bytes", "wiregui_peer_tx_bytes", "wiregui_peer_latest_handshake_seconds", "wiregui_peer_connected"];

export interface ClientReport {
  name: string;
  line: string;
  problems: string[];
}

export function formatBytes(bytes: bigint): string {
  return bytes < 1024n ? `${bytes} B` : `${(Number(bytes) / 1024).toFixed(1)} KiB`;
}

/** One client's line from two dumps of the server taken SAMPLE_GAP_MS apart. */
export function reportClient(name: string, key: string, before: DumpPeer[], after: DumpPeer[], now: number, whereToLook: string): ClientReport {
  const find = (peers: DumpPeer[]) => peers.find((peer) => peer.publicKey === key);
  const [earlier, later] = [find(before), find(after)];
  if (!earlier || !later) return { name, line: "not a peer", problems: [`${name} (${key}) is not a peer of the server: see ${whereToLook}`] };
  const problems: string[] = [];
  const age = later.latestHandshakeAt ? Math.round((now - later.latestHandshakeAt.getTime()) / 1000) : null;
  if (age === null) problems.push(`${name} has never completed a handshake`);
  else if (age > HANDSHAKE_MAX_AGE_S) problems.push(`${name}'s last handshake was ${age} s ago`);
  const rx = later.rxBytes - earlier.rxBytes;
  const tx = later.txBytes - earlier.txBytes;
  if (rx <= 0n) problems.push(`the server received nothing from ${name} in ${SAMPLE_GAP_MS / 1000} s`);
  if (tx <= 0n) problems.push(`the server sent nothing to ${name} in ${SAMPLE_GAP_MS / 1000} s`);
  const line = [
    (later.allowedIps[0] ?? "(no address)").padEnd(18),
    `handshake ${age === null ? "never" : `${age} s ago`}`.padEnd(20),
    `rx +${formatBytes(rx)}`.padEnd(14),
    `tx +${formatBytes(tx)}`.padEnd(14),
  ].join(" ");
  return { name, line, problems };
}

/** Stats in PostgreSQL and series in VictoriaMetrics (at vmUrl) for each client key: problems, one per line. */
export async function checkMetrics(db: Db, vmUrl: string, keys: string[]): Promise<string[]> {
  const problems: string[] = [];
  const rows = await db.device.findMany({ where: { publicKey: { in: keys } }, select: { name: true, publicKey: true, statsUpdatedAt: true, rxBytesPerSecond: true, txBytesPerSecond: true } });
  for (const key of keys) {
    const row = rows.find((candidate) => candidate.publicKey === key);
    if (!row) problems.push(`no device in PostgreSQL has the public key ${key}`);
    else if (!row.statsUpdatedAt || Date.now() - row.statsUpdatedAt.getTime() > STATS_MAX_AGE_MS) problems.push(`${row.name}'s stats in PostgreSQL are not fresh (changed ${row.statsUpdatedAt?.toISOString() ?? "never"})`);
    else if (!(row.rxBytesPerSecond! > 0 && row.txBytesPerSecond! > 0)) problems.push(`${row.name}'s rates in PostgreSQL are not above zero`);
  }
  for (const metric of PER_PEER_METRICS) {
    const response = await fetch(`${vmUrl}/api/v1/series?${new URLSearchParams({ "match[]": metric, nocache: "1" })}`).catch((error: unknown) => new Error(String(error)));
    if (response instanceof Error || !response.ok) return [...problems, `VictoriaMetrics at ${vmUrl} does not answer: ${response instanceof Error ? response.message : `HTTP ${response.status}`}`];
    const series = ((await response.json()) as { data: Array<{ public_key?: string }> }).data;
    const missing = keys.filter((key) => !series.some((labels) => labels.public_key === key));
    if (missing.length > 0) problems.push(`VictoriaMetrics has no ${metric} series for ${missing.length} client(s)`);
  }
  const total = await fetch(`${vmUrl}/api/v1/query?${new URLSearchParams({ query: "wiregui_peers_total", nocache: "1" })}`).then((response) => response.json() as Promise<{ data: { result: Array<{ value: [number, string] }> } }>);
  if (Number(total.data.result[0]?.value[1] ?? 0) < keys.length) problems.push(`wiregui_peers_total is ${total.data.result[0]?.value[1] ?? "missing"}, expected at least ${keys.length}`);
  return problems;
}

/** Milliseconds until condition() held, or null after timeoutMs. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition()) return Date.now() - started;
    await sleep(everyMs);
  }
  return null;
}

/** The administrator the checks change settings and rules as. */
const findAdmin = (db: Db) => db.user.findFirst({ where: { role: "admin", isDisabled: false }, select: { id: true, email: true }, orderBy: { createdAt: "asc" } });

export interface EgressProbe {
  db: Db;
  /** Whether the client can open a TCP connection to `host` on this port now. */
  reach: (port: number) => Promise<boolean>;
  client: string;
  host: string;
  ports: { blocked: number; open: number };
  /** Where to look when the collector did not apply the rule. */
  whereToLook: string;
}

/** A drop rule for one port blocks it and not the other; deleting it opens the port again. Problems, one per line. */
export async function checkEgressDropRule(probe: EgressProbe, label: string): Promise<string[]> {
  const { db, reach, client, host } = probe;
  const { blocked, open } = probe.ports;
  let ruleId: string | null = null;
  const actor = await findAdmin(db);
  try {
    if (!actor) return ["no enabled administrator in the database to create the rule as"];
    if (!(await reach(blocked)) || !(await reach(open))) return [`${client} cannot reach ${host} on TCP ${blocked} and ${open} before any rule`];
    const input = ruleInputSchema.parse({ action: "drop", destination: host, protocol: "tcp", ports: String(blocked), priority: 1, description: `${label} probe (removed again)`, acceptOverlaps: true });
    const saved = await saveRule(db, actor, input);
    if (!saved.saved) return ["the probe rule was not saved"];
    ruleId = saved.id;
    const blockedMs = await waitUntil(async () => !(await reach(blocked)), 15_000);
    if (blockedMs === null) return [`the drop rule did not block TCP ${blocked} within 15 s (see ${probe.whereToLook})`];
    if (!(await reach(open))) return [`the drop rule for TCP ${blocked} also blocked TCP ${open}`];
    await deleteRule(db, actor, ruleId);
    ruleId = null;
    const reopenedMs = await waitUntil(() => reach(blocked), 15_000);
    if (reopenedMs === null) return [`TCP ${blocked} stayed blocked after the rule was deleted`];
    console.log(
      `  egress rule: drop TCP ${blocked} to ${host} blocked ${client} within ${blockedMs} ms (probes time out after 2 s), ` +
        `TCP ${open} still open; deleting the rule opened ${blocked} again within ${reopenedMs} ms OK`,
    );
    return [];
  } finally {
    if (ruleId && actor) await deleteRule(db, actor, ruleId).catch(() => {});
  }
}

export interface PeerToPeerProbe {
  client: string;
  other: { name: string; address: string };
  ping: (address: string) => Promise<boolean>;
  /** An address of the server's own that is not its tunnel address: closed to clients by the input chain. */
  serverOwnAddress?: string;
  whereToLook: string;
}

/**
 * With peer to peer off a client cannot ping another, but pings the server's tunnel address (and
 * not the server's other addresses); turned on, it pings the other. The setting is put back as it was.
 */
export async function checkPeerToPeer(db: Db, probe: PeerToPeerProbe): Promise<string[]> {
  const { client, other } = probe;
  const actor = await findAdmin(db);
  const configuration = await db.configuration.findUnique({ where: { id: 1 }, select: { allowPeerToPeer: true, ipv4Network: true } });
  try {
    if (!actor || !configuration) return ["no administrator or configuration in the database"];
    const gateway = gatewayAddress(configuration.ipv4Network);
    const pingOther = () => probe.ping(other.address);
    if (configuration.allowPeerToPeer) await updateSecuritySettings(db, actor, { allowPeerToPeer: false });
    if ((await waitUntil(async () => !(await pingOther()), 15_000)) === null) return [`${client} can ping ${other.name} (${other.address}) with peer to peer off: is the forward chain there? (${probe.whereToLook})`];
    if (!(await probe.ping(gateway))) return [`${client} cannot ping the server's tunnel address ${gateway}`];
    if (probe.serverOwnAddress && (await probe.ping(probe.serverOwnAddress))) return [`${client} can ping the server's own address ${probe.serverOwnAddress} through the tunnel: is the input chain there?`];
    await updateSecuritySettings(db, actor, { allowPeerToPeer: true });
    const openedMs = await waitUntil(pingOther, 15_000);
    if (openedMs === null) return [`${client} cannot ping ${other.name} (${other.address}) within 15 s of turning peer to peer on (${probe.whereToLook})`];
    console.log(
      `  client isolation: with peer to peer off ${client} cannot ping ${other.name}${probe.serverOwnAddress ? ` nor the server's own ${probe.serverOwnAddress}` : ""}, ` +
        `pings the server's ${gateway}; peer to peer on, it pings ${other.name} within ${openedMs} ms OK`,
    );
    return [];
  } finally {
    if (actor && configuration) await updateSecuritySettings(db, actor, { allowPeerToPeer: configuration.allowPeerToPeer }).catch(() => {});
  }
}
