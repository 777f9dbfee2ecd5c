// Fakes for the collector's unit tests: a command runner that records calls (and the content of
// the key files passed to them) and a logger that keeps lines.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createLogger, type Logger, type LogLevel } from "../lib/log";
import { CommandError, formatCommand, type CommandResult, type RunCommand } from "../lib/run-command";

export interface RecordedCall {
  command: string;
  args: string[];
  /** Contents of argument files in a private key directory, read while the command "ran". */
  secretFiles: Record<string, { content: string; mode: number }>;
}

export function createFakeRunner(answer: (file: string, args: readonly string[]) => CommandResult | Error = () => ({ stdout: "", stderr: "" })) {
  const calls: RecordedCall[] = [];
  const run: RunCommand = async (file, args) => {
    const secretFiles: RecordedCall["secretFiles"] = {};
    for (const arg of args) {
      if (/\/wiregui-[^/]+\/key-\d+$/.test(arg) && existsSync(arg)) {
        secretFiles[arg] = { content: readFileSync(arg, "utf8"), mode: statSync(arg).mode & 0o777 };
      }
    }
    calls.push({ command: formatCommand(file, args), args: [...args], secretFiles });
    const result = answer(file, args);
    if (result instanceof Error) throw new CommandError(formatCommand(file, args), result.message, 1);
    return result;
  };
  return { run, calls };
}

export function createMemoryLogger(): { log: Logger; lines: Array<{ level: LogLevel; line: string }>; text: () => string } {
  const lines: Array<{ level: LogLevel; line: string }> = [];
  return { log: createLogger("test", (level, line) => lines.push({ level, line })), lines, text: () => lines.map((entry) => entry.line).join("\n") };
}
