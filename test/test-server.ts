// The WireGuard server of a namespace test: the real setup (admin, keypair, tunnel networks), the
// test's LAN, and the collector bringing the interface up and applying peers, after its first pass.
import type { SecretBox } from "../lib/crypto/secret-box";
import type { Logger } from "../lib/log";
import { createCommandRunner } from "../lib/run-command";
import { applySetup } from "../lib/setup/setup";
import { createCollector, type Collector } from "../collector/collector";
import type { TestDatabase } from "./database";
import { createLan, lanAddress, type TestLan } from "./namespaces";

export interface TestServerOptions {
  database: TestDatabase;
  secretBox: SecretBox;
  lan: TestLan;
  tunnel: { ipv4Network: string; ipv6Network: string };
  listenPort: number;
  interfaceName: string;
  log: Logger;
  reconcileIntervalMs: number;
}

export async function startTestServer({ database, secretBox, lan, tunnel, listenPort, interfaceName, log, reconcileIntervalMs }: TestServerOptions): Promise<Collector> {
  await applySetup(database.db, secretBox, {
    admin: { email: "admin@wiregui.test", password: "correct-horse-battery-staple" },
    settings: { ...tunnel, listenPort, endpoint: `${lanAddress(lan, "server")}:${listenPort}` },
    explicit: new Set(),
  });
  await createLan(lan);
  const collector = createCollector({
    db: database.db,
    databaseUrl: database.url,
    secretBox,
    run: createCommandRunner({ netns: lan.serverNetns }),
    log,
    interfaceName,
    shouldManageInterface: true,
    reconcileIntervalMs,
  });
  collector.start();
  await collector.reconcileNow();
  return collector;
}
