import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateKeyPair, generatePresharedKey } from "../lib/wireguard/keys";
import { applyPeerChanges, wgSetArgs } from "./apply-peers";
import type { PeerChange } from "./peer-diff";
import { createFakeRunner, createMemoryLogger } from "./test-support";

const [a, b, c] = Array.from({ length: 3 }, () => generateKeyPair().publicKey) as [string, string, string];
const psk = generatePresharedKey();

describe("wgSetArgs", () => {
  it("builds wg set arguments for each kind of change", () => {
    expect(wgSetArgs({ kind: "remove", publicKey: a })).toEqual(["peer", a, "remove"]);
    expect(wgSetArgs({ kind: "add", publicKey: a, allowedIps: ["10.3.2.2/32", "fd00::3:2:2/128"], presharedKey: psk })).toEqual([
      "peer",
      a,
      "preshared-key",
      { secret: psk },
      "allowed-ips",
      "10.3.2.2/32,fd00::3:2:2/128",
    ]);
    expect(wgSetArgs({ kind: "add", publicKey: a, allowedIps: [], presharedKey: null })).toEqual(["peer", a, "allowed-ips", ""]);
    expect(wgSetArgs({ kind: "update", publicKey: a, presharedKey: null })).toEqual(["peer", a, "preshared-key", "/dev/null"]);
    expect(wgSetArgs({ kind: "update", publicKey: a, allowedIps: { from: [], to: ["10.3.2.9/32"] } })).toEqual(["peer", a, "allowed-ips", "10.3.2.9/32"]);
  });
});

describe("applyPeerChanges", () => {
  const changes: PeerChange[] = [
    { kind: "remove", publicKey: a },
    { kind: "add", publicKey: b, allowedIps: ["10.3.2.3/32"], presharedKey: psk },
  ];

  it("applies a batch in one wg call, passing the preshared key as a private file removed afterwards", async () => {
    const { run, calls } = createFakeRunner();
    const { log, text } = createMemoryLogger();
    const result = await applyPeerChanges(run, "wg0", changes, log);
    expect(result).toEqual({ applied: changes, failed: [] });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const keyFile = call!.args[8]!;
    expect(call!.args).toEqual(["set", "wg0", "peer", a, "remove", "peer", b, "preshared-key", keyFile, "allowed-ips", "10.3.2.3/32"]);
    expect(call!.secretFiles[keyFile]).toEqual({ content: `${psk}\n`, mode: 0o600 });
    expect(existsSync(keyFile)).toBe(false);
    expect(call!.command).not.toContain(psk);
    expect(text()).toContain(`removed peer ${a}`);
    expect(text()).toContain(`added peer ${b}`);
    expect(text()).not.toContain(psk);
  });

  it("retries a failed batch one change at a time and reports what still fails, with the command", async () => {
    const { run, calls } = createFakeRunner((_file, args) => (args.includes(c) ? new Error("Unable to modify interface") : { stdout: "", stderr: "" }));
    const { log, lines } = createMemoryLogger();
    const bad: PeerChange = { kind: "update", publicKey: c, allowedIps: { from: [], to: ["10.3.2.4/32"] } };
    const result = await applyPeerChanges(run, "wg0", [...changes, bad], log);
    expect(result.applied).toEqual(changes);
    expect(result.failed).toEqual([bad]);
    expect(calls).toHaveLength(4);
    const errors = lines.filter((entry) => entry.level === "error").map((entry) => entry.line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`\`wg set wg0 peer ${c} allowed-ips 10.3.2.4/32\` failed: Unable to modify interface`);
    expect(errors[0]).toContain("will retry on the next pass");
    expect(lines.some((entry) => entry.level === "warn" && entry.line.includes("applying them one at a time"))).toBe(true);
  });

  it("does nothing without changes", async () => {
    const { run, calls } = createFakeRunner();
    expect(await applyPeerChanges(run, "wg0", [], createMemoryLogger().log)).toEqual({ applied: [], failed: [] });
    expect(calls).toEqual([]);
  });
});
