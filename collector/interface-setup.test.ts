import { describe, expect, it } from "vitest";
import { generateKeyPair } from "../lib/wireguard/keys";
import { ensureInterface, type InterfaceSpec } from "./interface-setup";
import { createFakeRunner, createMemoryLogger } from "./test-support";

const server = generateKeyPair();
const spec: InterfaceSpec = { name: "wg0", privateKey: server.privateKey, listenPort: 51820, addresses: ["10.3.2.1/24", "fd00::3:2:1/120"] };

/** A fake machine: what `ip` and `wg` would say about one interface, updated by the calls made. */
function fakeMachine(state: { exists: boolean; isKernelAvailable: boolean; isUp: boolean; addresses: string[]; publicKey: string | null; listenPort: number }) {
  return createFakeRunner((file, args) => {
    const command = [file, ...args].join(" ");
    if (command === "ip -j address show dev wg0") {
      if (!state.exists) return new Error('exit code 1: Device "wg0" does not exist.');
      const addr_info = state.addresses.map((cidr) => ({ local: cidr.split("/")[0], prefixlen: Number(cidr.split("/")[1]) }));
      return { stdout: JSON.stringify([{ ifindex: 7, flags: state.isUp ? ["POINTOPOINT", "NOARP", "UP"] : ["POINTOPOINT", "NOARP"], addr_info }]), stderr: "" };
    }
    if (command === "ip link add dev wg0 type wireguard") {
      if (!state.isKernelAvailable) return new Error("exit code 2: Error: Unknown device type.");
      state.exists = true;
    } else if (command === "wireguard-go wg0") {
      state.exists = true;
    } else if (command === "wg show wg0 dump") {
      const key = state.publicKey ? `${server.privateKey}\t${state.publicKey}` : "(none)\t(none)";
      return { stdout: `${key}\t${state.listenPort}\toff\n`, stderr: "" };
    } else if (file === "wg" && args[0] === "set") {
      if (args.includes("private-key")) state.publicKey = server.publicKey;
      const port = args.indexOf("listen-port");
      if (port >= 0) state.listenPort = Number(args[port + 1]);
    } else if (command.startsWith("ip address add ")) {
      state.addresses.push(args[2]!);
    } else if (command === "ip link set dev wg0 up") {
      state.isUp = true;
    }
    return { stdout: "", stderr: "" };
  });
}

describe("ensureInterface", () => {
  it("creates a missing interface with wireguard-go when the kernel has no WireGuard, then configures it", async () => {
    const { run, calls } = fakeMachine({ exists: false, isKernelAvailable: false, isUp: false, addresses: [], publicKey: null, listenPort: 0 });
    const { log, text } = createMemoryLogger();
    const link = await ensureInterface(run, spec, log);
    expect(link).toEqual({ ifindex: 7, isUp: true, addresses: ["10.3.2.1/24", "fd00::3:2:1/120"] });
    const commands = calls.map((call) => call.command);
    expect(commands).toContain("ip link add dev wg0 type wireguard");
    expect(commands).toContain("wireguard-go wg0");
    const set = calls.find((call) => call.args[0] === "set")!;
    expect(set.args).toEqual(["set", "wg0", "private-key", expect.stringMatching(/wiregui-.*\/key-0$/), "listen-port", "51820"]);
    expect(Object.values(set.secretFiles)).toEqual([{ content: `${server.privateKey}\n`, mode: 0o600 }]);
    expect(commands.join("\n")).not.toContain(server.privateKey);
    expect(text()).not.toContain(server.privateKey);
    expect(text()).toMatch(/kernel WireGuard is not available .*Unknown device type.*starting wireguard-go wg0/);
    expect(text()).toContain("added address fd00::3:2:1/120 to wg0");
  });

  it("uses kernel WireGuard when it is there", async () => {
    const { run, calls } = fakeMachine({ exists: false, isKernelAvailable: true, isUp: false, addresses: [], publicKey: null, listenPort: 0 });
    await ensureInterface(run, spec, createMemoryLogger().log);
    expect(calls.map((call) => call.command)).not.toContain("wireguard-go wg0");
  });

  it("changes nothing on an interface that is already right (no restart, no key or port rewrite)", async () => {
    const { run, calls } = fakeMachine({
      exists: true,
      isKernelAvailable: false,
      isUp: true,
      addresses: ["10.3.2.1/24", "fd00::3:2:1/120"],
      publicKey: server.publicKey,
      listenPort: 51820,
    });
    await ensureInterface(run, spec, createMemoryLogger().log);
    expect(calls.map((call) => call.args[0] === "-j" || call.args[0] === "show")).not.toContain(false);
  });

  it("sets only what differs", async () => {
    const { run, calls } = fakeMachine({ exists: true, isKernelAvailable: false, isUp: true, addresses: ["10.3.2.1/24"], publicKey: server.publicKey, listenPort: 4000 });
    await ensureInterface(run, spec, createMemoryLogger().log);
    const changes = calls.filter((call) => call.args[0] !== "-j" && call.args[0] !== "show").map((call) => call.command);
    expect(changes).toEqual(["wg set wg0 listen-port 51820", "ip address add fd00::3:2:1/120 dev wg0"]);
  });
});
