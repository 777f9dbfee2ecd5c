// Runs the real command line (`wiregui ...`) as a subprocess, as an operator or compose's setup
// service would: only the given environment, no terminal.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runWiregui(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "cli/wiregui.ts", ...args],
      { cwd: projectRoot, encoding: "utf8", timeout: 60_000, env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}
