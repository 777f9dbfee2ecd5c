// The previous release's database, for the upgrade test: prisma/ as it was on the main line just
// before the newest migrations were added, read from git history.
//
// Why git and not a committed dump: the "previous" set then moves by itself. Whenever a commit adds
// migrations, the test upgrades from the set before that commit to today's, so every new migration
// is tested over a database the release before it wrote, and nothing has to be regenerated. (Taking
// HEAD^ instead would usually give today's set: most commits add no migration.) `--first-parent`
// keeps to the main line: for a merged branch, "before" is main before the merge, as an operator
// upgrading from the last release would have it. Needs the history (CI clones it whole).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

const MIGRATION_FILES = "prisma/migrations/*/migration.sql";

function git(args: string[]): Buffer {
  try {
    return execFileSync("git", args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`git ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""} (the upgrade test reads the previous release's migrations from git history)`);
  }
}

export interface PreviousRelease {
  /** The commit whose prisma/ folder is the previous release's. */
  commit: string;
  /** The main-line commit after it, which added today's newest migrations. */
  addedBy: string;
  /** That prisma/ folder with today's prisma.config.ts: `prisma migrate deploy` runs there. */
  projectDir: string;
  remove(): void;
}

export function checkOutPreviousRelease(): PreviousRelease {
  if (git(["rev-parse", "--is-shallow-repository"]).toString().trim() === "true") {
    throw new Error("This git clone is shallow: the upgrade test needs the history (git fetch --unshallow)");
  }
  const addedBy = git(["log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--no-patch", "--format=%H", "-1", "--", MIGRATION_FILES]).toString().trim();
  if (!addedBy) throw new Error(`No commit on this branch adds ${MIGRATION_FILES}`);
  const parents = git(["rev-list", "--parents", "-1", addedBy]).toString().trim().split(" ");
  const commit = parents[1];
  if (!commit) throw new Error(`${addedBy} added the first migrations: there is no previous release to upgrade from`);

  const projectDir = mkdtempSync(join(tmpdir(), "wiregui-previous-release-"));
  try {
    execFileSync("tar", ["-x", "-C", projectDir], { input: git(["archive", "--format=tar", commit, "prisma"]) });
    // Today's CLI settings (Wasm engine, driver adapter) with the old release's schema and migrations.
    copyFileSync(join(projectRoot, "prisma.config.ts"), join(projectDir, "prisma.config.ts"));
    symlinkSync(join(projectRoot, "node_modules"), join(projectDir, "node_modules"));
  } catch (error) {
    rmSync(projectDir, { recursive: true, force: true });
    throw error;
  }
  return { commit, addedBy, projectDir, remove: () => rmSync(projectDir, { recursive: true, force: true }) };
}

/** The migration folders under `dir`/prisma/migrations, in the order Prisma applies them. */
export function migrationNames(dir: string): string[] {
  return readdirSync(join(dir, "prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
