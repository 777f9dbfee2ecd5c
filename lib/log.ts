// One line per event, timestamped, on stdout (info) or stderr (warnings and errors). Callers pass
// finished messages: nothing here formats values, so nothing can slip a secret in by accident.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof Logger;

export type LogWriter = (level: LogLevel, line: string) => void;

const writeToConsole: LogWriter = (level, line) => (level === "info" ? console.log(line) : console.error(line));

export function createLogger(scope: string, write: LogWriter = writeToConsole): Logger {
  const emit = (level: LogLevel) => (message: string) => write(level, `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${scope}: ${message}`);
  return { info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/**
 * An error as one log line. Prisma's messages start with "Invalid `db.x.y()` invocation" and a
 * code frame; their last line says what went wrong.
 */
export function errorMessage(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const prismaCall = /^Invalid `(.+?)` invocation/.exec(lines[0] ?? "")?.[1];
  if (prismaCall && lines.length > 1) return `database query ${prismaCall} failed: ${lines.at(-1)}`;
  return lines.join(" | ") || (error instanceof Error ? error.name : "unknown error");
}
