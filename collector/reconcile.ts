// One reconcile pass: desired peers from PostgreSQL against the interface's actual peers, then
// only the differences applied. Every pass is a full comparison; a notification only makes the
// next one come sooner.
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { getConfiguration } from "../lib/db/configuration";
import { applyPeerChanges } from "./apply-peers";
import { loadDesiredPeers } from "./desired-peers";
import type { Logger } from "../lib/log";
import { diffPeers } from "./peer-diff";
import type { RunCommand } from "../lib/run-command";
import { readDump } from "./wireguard";

export interface ReconcileDeps {
  db: Db;
  secretBox: SecretBox;
  run: RunCommand;
  interfaceName: string;
  log: Logger;
}

export interface ReconcileSummary {
  added: number;
  removed: number;
  updated: number;
  failed: number;
  inSync: number;
}

export class ReconcileRefusedError extends Error {
  override name = "ReconcileRefusedError";
}

export async function reconcilePeers({ db, secretBox, run, interfaceName, log }: ReconcileDeps): Promise<ReconcileSummary> {
  const [configuration, desired, dump] = await Promise.all([getConfiguration(db), loadDesiredPeers(db, secretBox), readDump(run, interfaceName)]);
  for (const problem of dump.problems) log.warn(`\`wg show ${interfaceName} dump\` line ${problem.line} skipped: ${problem.message}`);

  // Peers are only managed on the interface this installation's key belongs to: with a wrong
  // database or interface, "make WireGuard equal to PostgreSQL" would remove every real peer.
  if (!configuration?.serverPublicKey) {
    throw new ReconcileRefusedError("WireGUI is not set up yet (no server keypair in the database): run the setup command first; no peers were changed");
  }
  const interfaceKey = dump.interface?.publicKey ?? null;
  if (interfaceKey !== configuration.serverPublicKey) {
    throw new ReconcileRefusedError(
      `${interfaceName} has public key ${interfaceKey ?? "(none)"}, not the configured server key ${configuration.serverPublicKey}: ` +
        "no peers were changed (wrong interface or database? WG_MANAGE_INTERFACE=true lets the collector set the key)",
    );
  }

  for (const device of desired.unusable) {
    log.error(`device ${device.deviceId} (peer ${device.publicKey}) is left as it is on ${interfaceName}: ${device.reason}`);
  }
  const untouchable = new Set(desired.unusable.map((device) => device.publicKey));
  const changes = diffPeers(desired.peers, dump.peers, untouchable);
  const { applied, failed } = await applyPeerChanges(run, interfaceName, changes, log);
  const count = (kind: string) => applied.filter((change) => change.kind === kind).length;
  return {
    added: count("add"),
    removed: count("remove"),
    updated: count("update"),
    failed: failed.length,
    inSync: desired.peers.length - changes.filter((change) => change.kind !== "remove").length,
  };
}
