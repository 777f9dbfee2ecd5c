// One NAT pass: the tunnel networks in the configuration row and the masquerade settings against
// the `inet wiregui_nat` table in the WireGuard namespace; the table is rewritten in one
// `nft -f -` transaction only when it differs (always on the first pass after a start).
import type { Db } from "../lib/db/client";
import { getConfiguration } from "../lib/db/configuration";
import { recordNatApplied, recordNatError } from "../lib/db/rules";
import { errorMessage, type Logger } from "../lib/log";
import { CommandError, type RunCommand } from "../lib/run-command";
import { describeNat, desiredNat, NAT_TABLE, parseNatState, planNatChanges, type NatChange, type NatSource, type NatState } from "./nft-nat";

export interface NatSettings {
  ipv4Masquerade: boolean;
  ipv6Masquerade: boolean;
  /** Null: every interface but the WireGuard one. */
  egressInterface: string | null;
}

export interface NatPassDeps {
  db: Db;
  run: RunCommand;
  interfaceName: string;
  nat: NatSettings;
  log: Logger;
}

export async function readNatState(run: RunCommand): Promise<NatState | null> {
  try {
    const { stdout } = await run("nft", ["-j", "list", "table", "inet", NAT_TABLE], { timeoutMs: 10_000 });
    return parseNatState(stdout);
  } catch (error) {
    if (error instanceof CommandError && /No such file or directory/i.test(error.reason)) return null;
    throw error;
  }
}

async function loadNatSource({ db, interfaceName, nat }: NatPassDeps): Promise<NatSource> {
  const configuration = await getConfiguration(db);
  if (!configuration) throw new Error("WireGUI is not set up yet (no configuration row): run the setup command first");
  return {
    interfaceName,
    egressInterface: nat.egressInterface,
    ipv4Network: nat.ipv4Masquerade ? configuration.ipv4Network : null,
    ipv6Network: nat.ipv6Masquerade ? configuration.ipv6Network : null,
  };
}

/**
 * The collector's NAT step: never throws (peers must not wait on nftables), logs each distinct
 * failure once, records the outcome for the diagnostics page, and rebuilds after a failure.
 */
export function createNatEnforcer(deps: NatPassDeps) {
  let isFirstPass = true;
  let lastError: string | null = null;
  return async function enforceNat(): Promise<NatChange | null> {
    let description = describeNat({ interfaceName: deps.interfaceName, egressInterface: deps.nat.egressInterface, ipv4Network: null, ipv6Network: null });
    try {
      const source = await loadNatSource(deps);
      description = describeNat(source);
      const desired = desiredNat(source);
      const actual = await readNatState(deps.run);
      // After a start or a failure the table is rewritten even when it looks right: a rule with
      // our comment but edited by hand cannot be told apart from ours by its key alone.
      const plan = isFirstPass && desired !== null ? planNatChanges(desired, null) : planNatChanges(desired, actual);
      if (plan.script) await deps.run("nft", ["-f", "-"], { input: plan.script, timeoutMs: 30_000 });
      isFirstPass = false;
      if (lastError !== null) deps.log.info("NAT for full-tunnel clients is applied again");
      lastError = null;
      if (plan.change === "rebuilt") deps.log.info(`NAT for full-tunnel clients: table inet ${NAT_TABLE} written (${description})`);
      if (plan.change === "removed") deps.log.info(`NAT for full-tunnel clients: table inet ${NAT_TABLE} removed (masquerading is off)`);
      await recordNatApplied(deps.db, deps.interfaceName, description).catch((error: unknown) => deps.log.warn(`recording the NAT status: ${errorMessage(error)}`));
      return plan.change;
    } catch (error) {
      isFirstPass = true;
      const message = errorMessage(error);
      if (message !== lastError) deps.log.error(`NAT for full-tunnel clients not applied (retried on every pass): ${message}`);
      lastError = message;
      await recordNatError(deps.db, deps.interfaceName, description, message).catch(() => {});
      return null;
    }
  };
}
