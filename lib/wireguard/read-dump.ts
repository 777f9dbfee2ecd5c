// Reads an interface with `wg show <iface> dump` (the collector, and the web app's fallback stats loop).
import type { RunCommand } from "../run-command";
import { parseDump, type ParsedDump } from "./dump";

export async function readDump(run: RunCommand, interfaceName: string): Promise<ParsedDump> {
  const { stdout } = await run("wg", ["show", interfaceName, "dump"]);
  return parseDump(stdout);
}
