import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { withSecretFiles } from "./secret-files";

describe("withSecretFiles", () => {
  it("writes each secret to a 0600 file in a 0700 directory, removed afterwards", async () => {
    let seen: string[] = [];
    const result = await withSecretFiles(["one", "two"], async (paths) => {
      seen = paths;
      expect(paths.map((path) => readFileSync(path, "utf8"))).toEqual(["one\n", "two\n"]);
      expect(paths.map((path) => statSync(path).mode & 0o777)).toEqual([0o600, 0o600]);
      expect(statSync(dirname(paths[0]!)).mode & 0o777).toBe(0o700);
      return "done";
    });
    expect(result).toBe("done");
    expect(seen).toHaveLength(2);
    expect(existsSync(dirname(seen[0]!))).toBe(false);
  });

  it("removes the files when the command fails", async () => {
    let directory = "";
    await expect(
      withSecretFiles(["secret"], async (paths) => {
        directory = dirname(paths[0]!);
        throw new Error("wg failed");
      }),
    ).rejects.toThrow("wg failed");
    expect(existsSync(directory)).toBe(false);
  });

  it("creates nothing without secrets", async () => {
    expect(await withSecretFiles([], async (paths) => paths)).toEqual([]);
  });
});
