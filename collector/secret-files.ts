// wg reads private and preshared keys from files only. They are written to a private directory
// (0700, files 0600) that is removed as soon as the command returns, in RAM (/dev/shm) when the
// machine has it, so keys never reach a command line, a log or a disk.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { accessSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function secretsParent(): string {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

/** Writes each secret to its own file and passes the paths, in the same order, to `run`. */
export async function withSecretFiles<T>(secrets: readonly string[], run: (paths: string[]) => Promise<T>): Promise<T> {
  if (secrets.length === 0) return run([]);
  const directory = await mkdtemp(join(secretsParent(), "wiregui-"));
  try {
    const paths = secrets.map((_, index) => join(directory, `key-${index}`));
    await Promise.all(secrets.map((secret, index) => writeFile(paths[index]!, `${secret}\n`, { mode: 0o600, flag: "wx" })));
    return await run(paths);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
