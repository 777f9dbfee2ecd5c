// Terminal prompts for the interactive setup. Secrets are read without echo.
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

export function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
}

export async function ask(question: string, defaultValue?: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(defaultValue ? `${question} [${defaultValue}]: ` : `${question}: `)).trim();
    return answer || defaultValue || "";
  } finally {
    rl.close();
  }
}

export async function askSecret(question: string): Promise<string> {
  let isMuted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!isMuted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const pending = rl.question(`${question}: `);
    isMuted = true;
    const answer = await pending;
    process.stdout.write("\n");
    return answer;
  } finally {
    rl.close();
  }
}

/** Asks until the answer passes `validate` (which returns an error message or null). */
export async function askValid(question: string, validate: (value: string) => string | null, defaultValue?: string): Promise<string> {
  for (;;) {
    const answer = await ask(question, defaultValue);
    const problem = validate(answer);
    if (!problem) return answer;
    console.error(`  ${problem}`);
  }
}
