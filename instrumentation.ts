export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, before the server hands requests on: the client address comes from this stamp.
    const { stampPeerAddresses } = await import("./lib/server/peer-address");
    stampPeerAddresses();
    const { checkSettingsOrExit } = await import("./lib/startup-check");
    const env = checkSettingsOrExit();
    // Only the server that serves requests: not `next build`'s page-data workers.
    if (process.env.NEXT_PHASE === "phase-production-build") return;
    // Secrets sealed before key separation become readable by the collector (which has only the
    // encryption key) even where `wiregui setup` was not run after the upgrade.
    const { resealStoredSecretsInBackground } = await import("./lib/setup/reseal-secrets");
    resealStoredSecretsInBackground(env);
    const { chooseStatsBackground, startCollectorSubprocess, startInProcessStats } = await import("./lib/metrics/background");
    // Once per process, even if the dev server registers again after a reload.
    const state = globalThis as { wireguiStatsBackground?: boolean };
    if (state.wireguiStatsBackground) return;
    state.wireguiStatsBackground = true;
    const background = chooseStatsBackground(env);
    if (background === "in-process") startInProcessStats(env);
    if (background === "subprocess") startCollectorSubprocess();
    const [{ startDailyPrune }, { getDbFor }, { createLogger }] = await Promise.all([import("./lib/audit/retention"), import("./lib/db/client"), import("./lib/log")]);
    startDailyPrune(getDbFor(env.DATABASE_URL), createLogger("prune"));
  }
}
