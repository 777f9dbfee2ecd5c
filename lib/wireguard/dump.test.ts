import { describe, expect, it } from "vitest";
import { formatEndpoint, parseDump } from "./dump";
import { generateKeyPair, generatePresharedKey } from "./keys";

const server = generateKeyPair();
const peerA = generateKeyPair().publicKey;
const peerB = generateKeyPair().publicKey;
const psk = generatePresharedKey();

const interfaceLine = [server.privateKey, server.publicKey, "51820", "off"].join("\t");

function peerLine(fields: Partial<Record<"key" | "psk" | "endpoint" | "ips" | "handshake" | "rx" | "tx" | "keepalive", string>> = {}) {
  return [
    fields.key ?? peerA,
    fields.psk ?? "(none)",
    fields.endpoint ?? "(none)",
    fields.ips ?? "10.3.2.2/32",
    fields.handshake ?? "0",
    fields.rx ?? "0",
    fields.tx ?? "0",
    fields.keepalive ?? "off",
  ].join("\t");
}

describe("parseDump", () => {
  it("parses the interface line without keeping the private key", () => {
    const dump = parseDump(`${interfaceLine}\n`);
    expect(dump).toEqual({ interface: { publicKey: server.publicKey, listenPort: 51820, fwmark: null }, peers: [], problems: [] });
    expect(JSON.stringify(dump)).not.toContain(server.privateKey);
  });

  it("parses a line captured from wireguard-go", () => {
    const dump = parseDump(`${interfaceLine}\n${peerA}\t(none)\t192.0.2.2:41644\t10.8.0.2/32\t1795633068\t564\t476\toff\n`);
    expect(dump.problems).toEqual([]);
    expect(dump.peers).toEqual([
      {
        publicKey: peerA,
        presharedKey: null,
        endpoint: { address: "192.0.2.2", port: 41644, zone: null },
        allowedIps: ["10.8.0.2/32"],
        latestHandshakeAt: new Date(1795633068 * 1000),
        rxBytes: 564n,
        txBytes: 476n,
        persistentKeepalive: null,
      },
    ]);
  });

  it("reads an interface without keys, and a hex fwmark", () => {
    expect(parseDump("(none)\t(none)\t0\t0xca6c\n").interface).toEqual({ publicKey: null, listenPort: 0, fwmark: 0xca6c });
    expect(parseDump(`${server.privateKey}\t${server.publicKey}\t1\t51820\n`).interface?.fwmark).toBe(51820);
  });

  it("keeps preshared keys, several allowed IPs, and keepalive", () => {
    const [peer] = parseDump(`${interfaceLine}\n${peerLine({ psk, ips: "10.3.2.2/32,fd00::3:2:2/128", keepalive: "65535" })}`).peers;
    expect(peer).toMatchObject({ presharedKey: psk, allowedIps: ["10.3.2.2/32", "fd00::3:2:2/128"], persistentKeepalive: 65535 });
  });

  it("reads a peer without allowed IPs or handshake", () => {
    const [peer] = parseDump(`${interfaceLine}\n${peerLine({ ips: "(none)" })}`).peers;
    expect(peer).toMatchObject({ allowedIps: [], latestHandshakeAt: null, endpoint: null });
  });

  it.each([
    ["[2001:db8::1]:51820", { address: "2001:db8::1", port: 51820, zone: null }],
    ["[fe80::d]:51822", { address: "fe80::d", port: 51822, zone: null }],
    ["[fe80::d%eth0]:51822", { address: "fe80::d", port: 51822, zone: "eth0" }],
    ["[::ffff:192.0.2.9]:7", { address: "::ffff:192.0.2.9", port: 7, zone: null }],
  ])("parses the endpoint %s", (text, expected) => {
    const [peer] = parseDump(`${interfaceLine}\n${peerLine({ endpoint: text })}`).peers;
    expect(peer?.endpoint).toEqual(expected);
    expect(formatEndpoint(expected)).toBe(text);
  });

  it("reads u64 counters exactly", () => {
    const max = "18446744073709551615";
    const [peer] = parseDump(`${interfaceLine}\n${peerLine({ rx: max, tx: "9007199254740993" })}`).peers;
    expect(peer?.rxBytes).toBe(18446744073709551615n);
    expect(peer?.txBytes).toBe(9007199254740993n);
  });

  it("accepts CRLF line ends and blank lines", () => {
    const dump = parseDump(`${interfaceLine}\r\n\r\n${peerLine()}\r\n`);
    expect(dump.problems).toEqual([]);
    expect(dump.peers).toHaveLength(1);
  });

  it.each([
    ["too few fields", peerLine().split("\t").slice(0, 5).join("\t"), /got 5 fields/],
    ["a bad public key", peerLine({ key: "nope" }), /public key is not a WireGuard key/],
    ["a bad preshared key", peerLine({ psk: "short" }), /preshared key/],
    ["an endpoint without port", peerLine({ endpoint: "192.0.2.1" }), /endpoint/],
    ["an unbracketed IPv6 endpoint", peerLine({ endpoint: "2001:db8::1:51820" }), /endpoint/],
    ["a bad allowed IP", peerLine({ ips: "10.3.2.2/33" }), /allowed IPs/],
    ["a negative counter", peerLine({ rx: "-1" }), /rx bytes/],
    ["a counter beyond u64", peerLine({ tx: "18446744073709551616" }), /tx bytes/],
    ["a bad handshake", peerLine({ handshake: "soon" }), /latest handshake/],
    ["a handshake past the last moment a Date holds", peerLine({ handshake: "8640000000001" }), /latest handshake is not a whole number from 0 to 8640000000000/],
    ["a handshake of 2^53 - 1 seconds", peerLine({ handshake: String(Number.MAX_SAFE_INTEGER) }), /latest handshake/],
    ["a bad keepalive", peerLine({ keepalive: "65536" }), /persistent keepalive/],
  ])("reports a peer line with %s, by line number, and keeps the others", (_name, badLine, message) => {
    const dump = parseDump([interfaceLine, peerLine({ key: peerB }), badLine, peerLine({ key: generateKeyPair().publicKey })].join("\n"));
    expect(dump.peers).toHaveLength(2);
    expect(dump.problems).toHaveLength(1);
    expect(dump.problems[0]?.line).toBe(3);
    expect(dump.problems[0]?.message).toMatch(message);
  });

  it("never quotes a malformed line (it may hold a preshared key)", () => {
    const dump = parseDump(`${interfaceLine}\n${peerLine({ psk, rx: "x" })}\n${[server.privateKey, "x"].join("\t")}`);
    expect(dump.problems).toHaveLength(2);
    const text = JSON.stringify(dump.problems);
    expect(text).not.toContain(psk);
    expect(text).not.toContain(server.privateKey);
    expect(text).toContain(peerA);
  });

  it("reports a malformed interface line and still reads the peers", () => {
    const dump = parseDump(`${server.privateKey}\t${server.publicKey}\t51820\n${peerLine()}`);
    expect(dump.interface).toBeNull();
    expect(dump.peers).toHaveLength(1);
    expect(dump.problems).toEqual([{ line: 1, message: expect.stringMatching(/interface line .*got 3 fields/) }]);
  });

  it("rejects a private key of the wrong shape", () => {
    expect(parseDump(`secret\t${server.publicKey}\t51820\toff`).problems[0]?.message).toMatch(/private key is not a WireGuard key/);
  });

  it("reports empty output", () => {
    expect(parseDump("")).toEqual({ interface: null, peers: [], problems: [{ line: 1, message: expect.stringMatching(/empty/) }] });
  });
});

describe("parseDump on what wg prints in the wild", () => {
  it("reads IPv6 endpoints with and without a zone id, peers in any order", () => {
    const dump = parseDump(
      [
        interfaceLine,
        peerLine({ key: peerB, endpoint: "[fe80::1%wguiv-c1]:51820", handshake: "1700000000" }),
        peerLine({ key: peerA, endpoint: "[2001:db8::7]:443", ips: "10.3.2.2/32,fd00::3:2:2/128" }),
      ].join("\n"),
    );
    expect(dump.problems).toEqual([]);
    expect(dump.peers.map((peer) => [peer.publicKey, peer.endpoint && formatEndpoint(peer.endpoint)])).toEqual([
      [peerB, "[fe80::1%wguiv-c1]:51820"],
      [peerA, "[2001:db8::7]:443"],
    ]);
    expect(dump.peers[0]?.endpoint?.zone).toBe("wguiv-c1");
    expect(dump.peers[1]?.allowedIps).toEqual(["10.3.2.2/32", "fd00::3:2:2/128"]);
    expect(dump.peers[0]?.latestHandshakeAt).toEqual(new Date(1_700_000_000_000));
  });

  it("accepts a handshake at the last moment a Date holds", () => {
    const dump = parseDump([interfaceLine, peerLine({ handshake: "8640000000000" })].join("\n"));
    expect(dump.problems).toEqual([]);
    expect(dump.peers[0]?.latestHandshakeAt?.getTime()).toBe(8.64e15);
  });

  it("reads 20,000 peers (about 2 MB) in one pass", () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => Buffer.alloc(32, index % 251).toString("base64"));
    const lines = keys.map((key, index) => peerLine({ key, rx: String(index), tx: "18446744073709551615" }));
    const text = `${interfaceLine}\n${lines.join("\n")}\n`;
    expect(text.length).toBeGreaterThan(2_000_000);
    const dump = parseDump(text);
    expect(dump.problems).toEqual([]);
    expect(dump.peers).toHaveLength(20_000);
    expect(dump.peers[19_999]?.rxBytes).toBe(19_999n);
    expect(dump.peers[0]?.txBytes).toBe(18_446_744_073_709_551_615n);
  });
});

describe("parseDump fuzzing", () => {
  // A small seeded generator, so a failure can be replayed.
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state * 1_664_525 + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
  }
  const alphabet = ["\t", "\n", "\r", "(none)", "off", "0", "18446744073709551616", "-1", "[", "]", "%", ":", "/", ",", "=", "x", "🙂", "\u0000", "[::1]:1", "1.2.3.4:5"];

  function mutate(text: string, next: () => number): string {
    const chars = [...text];
    const edits = 1 + Math.floor(next() * 6);
    for (let edit = 0; edit < edits; edit += 1) {
      const at = Math.floor(next() * (chars.length + 1));
      const kind = next();
      if (kind < 0.4) chars.splice(at, 1 + Math.floor(next() * 8));
      else chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)]!);
    }
    return chars.join("");
  }

  it("only ever yields a parsed dump with typed, line-numbered problems, never throws", () => {
    const next = random(20261126);
    const valid = [interfaceLine, peerLine({ endpoint: "[fe80::1%eth0]:51820", ips: "10.0.0.1/32,::/0", handshake: "1700000000", psk }), peerLine({ key: peerB })].join("\n");
    let problemsSeen = 0;
    for (let round = 0; round < 3_000; round += 1) {
      const input = round % 10 === 0 ? Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(next() * 0x3000))).join("") : mutate(valid, next);
      const dump = parseDump(input);
      const lineCount = input.split("\n").length;
      for (const peer of dump.peers) {
        expect(typeof peer.rxBytes).toBe("bigint");
        if (peer.latestHandshakeAt) expect(Number.isFinite(peer.latestHandshakeAt.getTime())).toBe(true);
        expect(peer.rxBytes >= 0n && peer.txBytes >= 0n).toBe(true);
      }
      for (const problem of dump.problems) {
        expect(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount).toBe(true);
        expect(problem.message).toEqual(expect.any(String));
        expect(problem.message).not.toContain(server.privateKey);
        expect(problem.message).not.toContain(psk);
        problemsSeen += 1;
      }
    }
    expect(problemsSeen).toBeGreaterThan(1_000);
  });
});
