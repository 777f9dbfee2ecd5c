import { describe, expect, it } from "vitest";
import { SecretBox } from "../lib/crypto/secret-box";
import type { Db } from "../lib/db/client";
import { generateKeyPair, generatePresharedKey } from "../lib/wireguard/keys";
import { reconcilePeers, ReconcileRefusedError } from "./reconcile";
import { createFakeRunner, createMemoryLogger } from "./test-support";

const box = new SecretBox("s".repeat(40));
const server = generateKeyPair();
const device = generateKeyPair().publicKey;
const handAdded = generateKeyPair().publicKey;
const psk = generatePresharedKey();

/** Just the two queries reconcilePeers makes. */
function fakeDb(serverPublicKey: string | null, devices: Array<{ publicKey: string; ipv4: string }>): Db {
  return {
    configuration: { findUnique: async () => (serverPublicKey ? { serverPublicKey } : null) },
    device: {
      findMany: async () => devices.map((row, index) => ({ id: `d${index}`, presharedKeyEncrypted: box.seal(psk), ipv6: null, ...row })),
    },
  } as unknown as Db;
}

function dumpOf(interfaceKey: string, peers: string[]) {
  return [`${server.privateKey}\t${interfaceKey}\t51820\toff`, ...peers].join("\n");
}

describe("reconcilePeers", () => {
  it("adds the missing peer and removes a hand-added one", async () => {
    const { run, calls } = createFakeRunner((_file, args) =>
      args[0] === "show" ? { stdout: dumpOf(server.publicKey, [`${handAdded}\t(none)\t(none)\t10.99.0.1/32\t0\t0\t0\toff`]), stderr: "" } : { stdout: "", stderr: "" },
    );
    const { log, text } = createMemoryLogger();
    const summary = await reconcilePeers({ db: fakeDb(server.publicKey, [{ publicKey: device, ipv4: "10.3.2.2" }]), secretBox: box, run, interfaceName: "wg0", log });
    expect(summary).toEqual({ added: 1, removed: 1, updated: 0, failed: 0, inSync: 0 });
    expect(calls.map((call) => call.args.slice(0, 5))).toEqual([
      ["show", "wg0", "dump"],
      ["set", "wg0", "peer", handAdded, "remove"],
    ]);
    expect(calls[1]!.args.slice(5)).toEqual(["peer", device, "preshared-key", expect.any(String), "allowed-ips", "10.3.2.2/32"]);
    expect(text()).not.toContain(psk);
    expect(text()).not.toContain(server.privateKey);
  });

  it("refuses to touch peers of an interface with another key (wrong database or interface)", async () => {
    const stranger = generateKeyPair().publicKey;
    const { run, calls } = createFakeRunner(() => ({ stdout: dumpOf(stranger, [`${handAdded}\t(none)\t(none)\t10.99.0.1/32\t0\t0\t0\toff`]), stderr: "" }));
    const deps = { db: fakeDb(server.publicKey, []), secretBox: box, run, interfaceName: "wg0", log: createMemoryLogger().log };
    await expect(reconcilePeers(deps)).rejects.toThrow(ReconcileRefusedError);
    await expect(reconcilePeers(deps)).rejects.toThrow(new RegExp(`wg0 has public key ${stranger.replace(/[+/]/g, "\\$&")}, not the configured server key`));
    expect(calls.every((call) => call.args[0] === "show")).toBe(true);
  });

  it("refuses before setup", async () => {
    const { run } = createFakeRunner(() => ({ stdout: dumpOf(server.publicKey, []), stderr: "" }));
    await expect(reconcilePeers({ db: fakeDb(null, []), secretBox: box, run, interfaceName: "wg0", log: createMemoryLogger().log })).rejects.toThrow(
      /not set up yet .* no peers were changed/,
    );
  });

  it("fails with the command tried when wg cannot read the interface", async () => {
    const { run } = createFakeRunner(() => new Error("exit code 1: Unable to access interface: No such device"));
    await expect(reconcilePeers({ db: fakeDb(server.publicKey, []), secretBox: box, run, interfaceName: "wg9", log: createMemoryLogger().log })).rejects.toThrow(
      "`wg show wg9 dump` failed: exit code 1: Unable to access interface: No such device",
    );
  });

  it("reports malformed dump lines and still reconciles", async () => {
    const { run } = createFakeRunner((_file, args) => (args[0] === "show" ? { stdout: dumpOf(server.publicKey, ["garbage"]), stderr: "" } : { stdout: "", stderr: "" }));
    const { log, lines } = createMemoryLogger();
    const summary = await reconcilePeers({ db: fakeDb(server.publicKey, [{ publicKey: device, ipv4: "10.3.2.2" }]), secretBox: box, run, interfaceName: "wg0", log });
    expect(summary.added).toBe(1);
    expect(lines.find((entry) => entry.level === "warn")?.line).toMatch(/`wg show wg0 dump` line 2 skipped: expected a peer line/);
  });
});
