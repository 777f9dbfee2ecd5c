// The `wg` calls the collector makes: read the interface (`wg show <iface> dump`) and change it
// (`wg set`), with secrets passed as files.
import type { RunCommand } from "../lib/run-command";
import { withSecretFiles } from "./secret-files";

/** An argument of `wg set`; `{ secret }` becomes the path of a private file holding it. */
export type WgSetArg = string | { secret: string };

export { readDump } from "../lib/wireguard/read-dump";

export async function wgSet(run: RunCommand, interfaceName: string, args: readonly WgSetArg[]): Promise<void> {
  const secrets = args.flatMap((arg) => (typeof arg === "string" ? [] : [arg.secret]));
  await withSecretFiles(secrets, async (paths) => {
    let next = 0;
    await run("wg", ["set", interfaceName, ...args.map((arg) => (typeof arg === "string" ? arg : paths[next++]!))]);
  });
}
