import { describe, expect, it } from "vitest";
import { generatePresharedKey } from "./wireguard/keys";
import { CommandError, createCommandRunner, formatCommand, redactKeys } from "./run-command";

const run = createCommandRunner();

describe("run-command", () => {
  it("returns the output of a command that succeeds", async () => {
    expect(await run("sh", ["-c", "echo out; echo err >&2"])).toEqual({ stdout: "out\n", stderr: "err\n" });
  });

  it("reads output of many megabytes whole (a dump of tens of thousands of peers), with no buffer limit in the way", async () => {
    const { stdout } = await createCommandRunner()("sh", ["-c", "head -c 12000000 /dev/zero | tr '\\0' 'a'"]);
    expect(stdout.length).toBe(12_000_000);
  });

  it("fails with the command tried, the exit code and what it said", async () => {
    const error = await run("sh", ["-c", "echo 'Unable to access interface' >&2; exit 3"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toBe("`sh -c \"echo 'Unable to access interface' >&2; exit 3\"` failed: exit code 3: Unable to access interface");
    expect((error as CommandError).exitCode).toBe(3);
  });

  it("says when a program is not installed", async () => {
    await expect(run("wiregui-no-such-program", ["x"])).rejects.toThrow("`wiregui-no-such-program x` failed: wiregui-no-such-program is not installed (not found on PATH)");
  });

  it("kills a command that does not answer in time", async () => {
    await expect(run("sleep", ["5"], { timeoutMs: 100 })).rejects.toThrow("`sleep 5` failed: no answer within 100 ms");
  });

  it("can remove variables from the environment", async () => {
    process.env.WIREGUI_TEST_VARIABLE = "set";
    try {
      expect((await run("sh", ["-c", 'echo "${WIREGUI_TEST_VARIABLE:-unset}"'], { env: { WIREGUI_TEST_VARIABLE: undefined } })).stdout).toBe("unset\n");
    } finally {
      delete process.env.WIREGUI_TEST_VARIABLE;
    }
  });

  it("redacts anything shaped like a key from the tool's own words", async () => {
    const key = generatePresharedKey();
    expect(redactKeys(`Key is not the correct length or format: \`${key}'`)).toBe("Key is not the correct length or format: `<key>'");
    await expect(run("sh", ["-c", `echo "bad ${key}" >&2; exit 1`])).rejects.toThrow(/exit code 1: bad <key>$/);
  });

  it("formats commands as they would be typed", () => {
    expect(formatCommand("wg", ["set", "wg0", "allowed-ips", ""])).toBe('wg set wg0 allowed-ips ""');
    expect(formatCommand("ip", ["netns", "exec", "ns", "wg"])).toBe("ip netns exec ns wg");
  });
});
