// Applies peer changes with `wg set`, many peers per call. When a batch fails, its changes are
// retried one at a time, so one bad peer cannot hold back the others; what still fails is logged
// with the command tried and left for the next pass.
import { errorMessage, type Logger } from "../lib/log";
import { describePeerChange, type PeerChange } from "./peer-diff";
import { CommandError, type RunCommand } from "../lib/run-command";
import { wgSet, type WgSetArg } from "./wireguard";

export interface ApplyResult {
  applied: PeerChange[];
  failed: PeerChange[];
}

// Keeps each call's command line and temporary key files small.
const BATCH_SIZE = 200;

export function wgSetArgs(change: PeerChange): WgSetArg[] {
  const args: WgSetArg[] = ["peer", change.publicKey];
  if (change.kind === "remove") return [...args, "remove"];
  const presharedKey = change.presharedKey;
  // /dev/null clears a preshared key; a new peer without one needs no argument.
  if (presharedKey) args.push("preshared-key", { secret: presharedKey });
  else if (presharedKey === null && change.kind === "update") args.push("preshared-key", "/dev/null");
  const allowedIps = change.kind === "add" ? change.allowedIps : change.allowedIps?.to;
  if (allowedIps) args.push("allowed-ips", allowedIps.join(","));
  return args;
}

export async function applyPeerChanges(run: RunCommand, interfaceName: string, changes: readonly PeerChange[], log: Logger): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], failed: [] };
  for (let start = 0; start < changes.length; start += BATCH_SIZE) {
    const batch = changes.slice(start, start + BATCH_SIZE);
    try {
      await wgSet(run, interfaceName, batch.flatMap(wgSetArgs));
      for (const change of batch) log.info(describePeerChange(change));
      result.applied.push(...batch);
      continue;
    } catch (error) {
      if (batch.length === 1) {
        logFailure(log, batch[0]!, error);
        result.failed.push(batch[0]!);
        continue;
      }
      const reason = error instanceof CommandError ? error.reason : errorMessage(error);
      log.warn(`one \`wg set ${interfaceName}\` call for ${batch.length} peer changes failed (${reason}); applying them one at a time`);
    }
    for (const change of batch) {
      try {
        await wgSet(run, interfaceName, wgSetArgs(change));
        log.info(describePeerChange(change));
        result.applied.push(change);
      } catch (error) {
        logFailure(log, change, error);
        result.failed.push(change);
      }
    }
  }
  return result;
}

function logFailure(log: Logger, change: PeerChange, error: unknown) {
  log.error(`could not apply "${describePeerChange(change)}": ${errorMessage(error)}; will retry on the next pass`);
}
