// The collector's data-plane loop, wired together: optional interface bring-up, reconcile passes
// (full at start and every interval, peers-only after a notification) that also apply the egress
// rules with nftables (rebuilt on the first pass), the NAT table for full-tunnel clients (full
// passes: it depends on settings only), and the LISTEN connection.
// main.ts adds settings and signals; tests run it in-process against a namespace.
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { ensureInterface, loadInterfaceSpec } from "./interface-setup";
import type { Logger } from "../lib/log";
import { startPeerListener, type PeerListener } from "./peer-listener";
import { createRulesEnforcer } from "./apply-rules";
import { createNatEnforcer, type NatSettings } from "./apply-nat";
import { reconcilePeers } from "./reconcile";
import { createReconcileScheduler, type PassKind } from "./reconcile-scheduler";
import { findNextVpnSessionExpiry } from "../lib/db/vpn-sessions";
import { createSessionExpiryTimer } from "./session-expiry-timer";
import type { RunCommand } from "../lib/run-command";

export interface CollectorOptions {
  db: Db;
  /** For the LISTEN connection (Prisma's pool cannot hold one). */
  databaseUrl: string;
  secretBox: SecretBox;
  run: RunCommand;
  log: Logger;
  interfaceName: string;
  shouldManageInterface: boolean;
  /** Masquerading of the tunnel networks; the defaults (both families on, any egress) when left out. */
  nat?: NatSettings;
  reconcileIntervalMs: number;
  debounceMs?: number;
  retryDelayMs?: number;
}

export interface Collector {
  start(): void;
  /** Runs a full pass now (after any running one) and resolves when it is done. */
  reconcileNow(): Promise<void>;
  /** True when no pass was left running after graceMs. */
  stop(graceMs: number): Promise<boolean>;
}

const DEFAULT_NAT: NatSettings = { ipv4Masquerade: true, ipv6Masquerade: true, egressInterface: null };

export function createCollector(options: CollectorOptions): Collector {
  const { db, secretBox, run, log, interfaceName } = options;
  // Rules after peers on every pass: a device's addresses feed its owner's nftables set.
  const enforceRules = createRulesEnforcer({ db, run, interfaceName, log });
  const enforceNat = createNatEnforcer({ db, run, interfaceName, log, nat: options.nat ?? DEFAULT_NAT });

  async function runPass(kind: PassKind) {
    if (kind === "full" && options.shouldManageInterface) {
      await ensureInterface(run, await loadInterfaceSpec(db, secretBox, interfaceName), log);
    }
    const summary = await reconcilePeers({ db, secretBox, run, interfaceName, log });
    if (summary.added + summary.removed + summary.updated + summary.failed > 0) {
      log.info(
        `${kind} pass: ${summary.added} added, ${summary.updated} updated, ${summary.removed} removed, ` +
          `${summary.failed} failed, ${summary.inSync} already in sync`,
      );
    }
    await enforceRules();
    if (kind === "full") await enforceNat();
  }

  // Expired VPN sessions leave at their end, not at the next full pass: a peer pass then.
  const expiryTimer = createSessionExpiryTimer({
    findNextExpiry: (now) => findNextVpnSessionExpiry(db, now),
    onExpiry: () => void scheduler.request("peers", 0),
    log,
  });
  const scheduler = createReconcileScheduler({
    runPass: expiryTimer.afterEachPass(runPass),
    intervalMs: options.reconcileIntervalMs,
    debounceMs: options.debounceMs ?? 150,
    retryDelayMs: options.retryDelayMs ?? Math.min(5_000, options.reconcileIntervalMs),
    log,
  });
  let listener: PeerListener | null = null;

  return {
    start() {
      scheduler.start();
      listener = startPeerListener({
        databaseUrl: options.databaseUrl,
        onChange: () => void scheduler.request("peers"),
        // Changes made while no LISTEN was active sent notifications nobody heard.
        onListening: () => void scheduler.request("peers"),
        log,
      });
    },
    reconcileNow: () => scheduler.request("full"),
    async stop(graceMs) {
      expiryTimer.stop();
      const [isFinished] = await Promise.all([scheduler.stop(graceMs), listener?.stop()]);
      return isFinished;
    },
  };
}
