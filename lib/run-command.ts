// Runs the tools the collector drives (`wg`, `ip`, `wireguard-go`) without a shell, optionally
// inside a network namespace. Secrets never go on a command line (they are passed as files), so
// a failure can always be reported with the full command that was tried.
import { spawn } from "node:child_process";

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  /** Start the program in its own session, so it outlives the collector (wireguard-go). */
  isDetached?: boolean;
  /** Variables to set, or to remove with undefined. */
  env?: Record<string, string | undefined>;
  /** Written to the program's standard input (`nft -f -`). */
  input?: string;
}

export type RunCommand = (file: string, args: readonly string[], options?: RunOptions) => Promise<CommandResult>;

export class CommandError extends Error {
  override name = "CommandError";

  constructor(
    readonly command: string,
    readonly reason: string,
    readonly exitCode: number | null,
  ) {
    super(`\`${command}\` failed: ${reason}`);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
// `wg show dump` of 10,000 peers is about 1.1 MB.
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** A command as a person would type it, for logs and errors. */
export function formatCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((part) => (part === "" ? '""' : /[\s"'\\$`]/.test(part) ? JSON.stringify(part) : part)).join(" ");
}

/** wg repeats a key it could not parse; tool output must not carry one into the logs. */
export function redactKeys(text: string): string {
  return text.replace(/[A-Za-z0-9+/]{42,43}=/g, "<key>");
}

/** With `netns`, every command runs through `ip netns exec <netns>` (tests and tooling). */
export function createCommandRunner(options: { netns?: string } = {}): RunCommand {
  return (file, args, runOptions = {}) => {
    const [program, programArgs] = options.netns ? ["ip", ["netns", "exec", options.netns, file, ...args]] : [file, [...args]];
    return runProgram(program, programArgs, runOptions);
  };
}

function runProgram(file: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const command = formatCommand(file, args);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: "pipe",
      detached: options.isDetached ?? false,
      env: { ...process.env, ...options.env },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let failure: string | null = null;
    const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        failure ??= `its output exceeded ${MAX_OUTPUT_BYTES} bytes`;
        child.kill("SIGKILL");
        return;
      }
      chunks.push(chunk);
    };
    // Without input the program reads end-of-file at once. One that exits without reading all its
    // input makes the pipe fail: its exit code says why.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    child.stdout.on("data", collect(stdout));
    child.stderr.on("data", collect(stderr));
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      failure ??= `no answer within ${timeoutMs} ms`;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = error.code === "ENOENT" ? `${file} is not installed (not found on PATH)` : error.message;
      reject(new CommandError(command, reason, null));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
      if (failure) return reject(new CommandError(command, failure, code));
      if (code === 0) return resolve(result);
      const said = redactKeys(result.stderr.trim() || result.stdout.trim()).split("\n").filter((line) => line.trim() !== "").slice(0, 3).join(" | ");
      const exit = signal ? `killed by ${signal}` : `exit code ${code}`;
      reject(new CommandError(command, said ? `${exit}: ${said}` : exit, code));
    });
  });
}
