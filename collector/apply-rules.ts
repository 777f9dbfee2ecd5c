// One rules pass: the egress rules and client isolation settings in PostgreSQL against the `inet
// wiregui` nftables table in the WireGuard namespace, then one `nft -f -` transaction with only
// the differences (or a full, atomic rebuild after a start, when the isolation settings changed or
// when the table is not in a shape we wrote).
import type { Db } from "../lib/db/client";
import { loadEnforcedRules, recordRulesApplied, recordRulesError } from "../lib/db/rules";
import { errorMessage, type Logger } from "../lib/log";
import { CommandError, type RunCommand } from "../lib/run-command";
import { clientIsolationOf, describeClientIsolation } from "../lib/net/client-isolation";
import { desiredRuleset, NFT_TABLE, parseNftState, planRulesetChanges, type NftState } from "./nft-rules";

export interface RulesPassDeps {
  db: Db;
  run: RunCommand;
  interfaceName: string;
  log: Logger;
}

export interface RulesPassSummary {
  rules: number;
  /** Client isolation as applied, in words. */
  isolation: string;
  isRebuild: boolean;
  setsChanged: number;
  rulesRewritten: boolean;
}

export async function readNftState(run: RunCommand): Promise<NftState | null> {
  try {
    const { stdout } = await run("nft", ["-j", "list", "table", "inet", NFT_TABLE], { timeoutMs: 10_000 });
    return parseNftState(stdout);
  } catch (error) {
    if (error instanceof CommandError && /No such file or directory/i.test(error.reason)) return null;
    throw error;
  }
}

export async function applyRules({ db, run, interfaceName }: RulesPassDeps, options: { isRebuild: boolean }): Promise<RulesPassSummary> {
  const { rules, userAddresses, isolation: settings } = await loadEnforcedRules(db);
  if (!settings) throw new Error("WireGUI is not set up yet (no configuration row): run the setup command first");
  const isolation = clientIsolationOf(settings);
  const desired = desiredRuleset({ interfaceName, isolation, rules, userAddresses });
  const actual = options.isRebuild ? null : await readNftState(run);
  const plan = planRulesetChanges(desired, actual);
  if (plan.script) await run("nft", ["-f", "-"], { input: plan.script, timeoutMs: 30_000 });
  return { rules: rules.length, isolation: describeClientIsolation(isolation), isRebuild: plan.isRebuild, ...plan.summary };
}

/**
 * The collector's rules and client isolation step: never throws (peers must not wait on nftables), logs each distinct
 * failure once, records the outcome for the rules page, and rebuilds after a failure.
 */
export function createRulesEnforcer(deps: RulesPassDeps) {
  let needsRebuild = true;
  let lastError: string | null = null;
  return async function enforceRules(): Promise<RulesPassSummary | null> {
    try {
      const summary = await applyRules(deps, { isRebuild: needsRebuild });
      needsRebuild = false;
      if (lastError !== null) deps.log.info("egress rules are applied again");
      lastError = null;
      if (summary.isRebuild || summary.setsChanged > 0 || summary.rulesRewritten) {
        deps.log.info(
          summary.isRebuild
            ? `egress rules: ${summary.rules} rule(s) and client isolation (${summary.isolation}) rebuilt in nftables table inet ${NFT_TABLE}`
            : `egress rules: ${summary.rules} rule(s) applied (${summary.setsChanged} user set(s) changed${summary.rulesRewritten ? ", rules rewritten" : ""}) in nftables table inet ${NFT_TABLE}`,
        );
      }
      await recordRulesApplied(deps.db, deps.interfaceName, summary.rules, summary.isolation).catch((error: unknown) => deps.log.warn(`recording the rules status: ${errorMessage(error)}`));
      return summary;
    } catch (error) {
      needsRebuild = true;
      const message = errorMessage(error);
      if (message !== lastError) deps.log.error(`egress rules not applied (retried on every pass): ${message}`);
      lastError = message;
      await recordRulesError(deps.db, deps.interfaceName, message).catch(() => {});
      return null;
    }
  };
}
