// Removes the e2e data plane (namespaces, collector, VictoriaMetrics) that e2e/serve.sh started.
import { spawnSync } from "node:child_process";

export default function teardown() {
  const result = spawnSync("bash", ["-c", "source scripts/lib.sh && STACK_PREFIX=wgue STACK_CLIENT_COUNT=1 && source scripts/stack-network.sh && stack_network_down .e2e-stack"], { stdio: "inherit" });
  if (result.status !== 0) console.error(`e2e teardown: removing the data plane failed (exit ${result.status}); the next run removes it first`);
}
