import { describe, expect, it } from "vitest";
import { deriveEncryptionKey } from "./crypto/keys";
import { EnvError, parseAuthSecret, parseCollectorEnv, parseEnv } from "./env";

const SECRET = "s".repeat(32);
const base = { DATABASE_URL: "postgresql://wiregui:pw@localhost:5432/wiregui", AUTH_SECRET: SECRET };

function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw an EnvError");
}

describe("parseEnv", () => {
  it("applies defaults", () => {
    expect(parseEnv(base)).toEqual({
      DATABASE_URL: base.DATABASE_URL,
      AUTH_SECRET: SECRET,
      EXTERNAL_URL: "http://localhost:3000",
      WG_INTERFACE: "wg0",
      WG_LISTEN_PORT: 51820,
      WG_IPV4_NETWORK: "10.3.2.0/24",
      WG_IPV6_NETWORK: "fd00::3:2:0/120",
      WG_MANAGE_INTERFACE: false,
      WG_IPV4_MASQUERADE: true,
      WG_IPV6_MASQUERADE: true,
      WG_RECONCILE_INTERVAL: 30,
      WG_METRICS_ENABLED: false,
      WG_METRICS_POLL_INTERVAL: 5,
      WG_COLLECTOR_MODE: "sidecar",
      TRUSTED_PROXIES: [],
    });
  });

  it("reads the masquerade settings and the egress interface", () => {
    expect(parseEnv({ ...base, WG_IPV4_MASQUERADE: "false", WG_IPV6_MASQUERADE: "0", WG_EGRESS_INTERFACE: "eth0" })).toMatchObject({
      WG_IPV4_MASQUERADE: false,
      WG_IPV6_MASQUERADE: false,
      WG_EGRESS_INTERFACE: "eth0",
    });
  });

  it("reads TRUSTED_PROXIES as CIDRs and addresses, and names a bad entry", () => {
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.10 fd00::/8" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.0.2.10", "fd00::/8"]);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8,proxy.local" })).toThrow(/TRUSTED_PROXIES has "proxy.local"/);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.1/8" })).toThrow(/TRUSTED_PROXIES has "10.0.0.1\/8"/);
  });

  it("reads explicit values", () => {
    const env = parseEnv({
      ...base,
      DATABASE_URL: "postgres://db/wiregui",
      WG_INTERFACE: "wg-office",
      WG_LISTEN_PORT: "51821",
      WG_IPV4_NETWORK: "10.8.0.0/16",
      WG_IPV6_NETWORK: "fd00:8::/64",
      WG_MANAGE_INTERFACE: "true",
      WG_RECONCILE_INTERVAL: "120",
      WG_METRICS_POLL_INTERVAL: "30",
      WG_VICTORIAMETRICS_URL: "http://localhost:8428/",
      WG_COLLECTOR_MODE: "subprocess",
      WG_NETNS: "wgui-srv",
    });
    expect(env).toMatchObject({
      DATABASE_URL: "postgres://db/wiregui",
      WG_INTERFACE: "wg-office",
      WG_LISTEN_PORT: 51821,
      WG_IPV4_NETWORK: "10.8.0.0/16",
      WG_IPV6_NETWORK: "fd00:8::/64",
      WG_MANAGE_INTERFACE: true,
      WG_RECONCILE_INTERVAL: 120,
      WG_METRICS_POLL_INTERVAL: 30,
      WG_VICTORIAMETRICS_URL: "http://localhost:8428",
      WG_COLLECTOR_MODE: "subprocess",
      WG_NETNS: "wgui-srv",
    });
  });

  it("trims trailing slashes from EXTERNAL_URL", () => {
    expect(parseEnv({ ...base, EXTERNAL_URL: "https://vpn.example.com/" }).EXTERNAL_URL).toBe("https://vpn.example.com");
  });

  it.each(["https://vpn.example.com/wg", "https://user:pw@vpn.example.com", "https://vpn.example.com/?a=1"])("rejects EXTERNAL_URL=%s: origin only", (value) => {
    expect(envError({ ...base, EXTERNAL_URL: value }).problems[0]).toMatch(/^EXTERNAL_URL must be an origin only/);
  });

  it("accepts NEXTAUTH_SECRET when AUTH_SECRET is missing", () => {
    const other = "n".repeat(40);
    expect(parseEnv({ DATABASE_URL: base.DATABASE_URL, NEXTAUTH_SECRET: other }).AUTH_SECRET).toBe(other);
  });

  it("prefers AUTH_SECRET over NEXTAUTH_SECRET", () => {
    expect(parseEnv({ ...base, NEXTAUTH_SECRET: "n".repeat(40) }).AUTH_SECRET).toBe(SECRET);
  });

  it("requires a secret, naming AUTH_SECRET", () => {
    const { problems } = envError({ DATABASE_URL: base.DATABASE_URL });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_SECRET /);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(envError({ ...base, AUTH_SECRET: "short" }).problems).toEqual(["AUTH_SECRET must be at least 32 characters"]);
  });

  it("requires DATABASE_URL", () => {
    expect(envError({ AUTH_SECRET: SECRET }).problems[0]).toMatch(/^DATABASE_URL /);
  });

  it.each([
    ["WG_LISTEN_PORT", "70000"],
    ["WG_LISTEN_PORT", "0"],
    ["WG_LISTEN_PORT", "abc"],
    ["WG_IPV4_NETWORK", "10.0.0.0/33"],
    ["WG_IPV6_NETWORK", "10.0.0.0/24"],
    ["WG_METRICS_ENABLED", "maybe"],
    ["WG_METRICS_POLL_INTERVAL", "0"],
    ["WG_MANAGE_INTERFACE", "sometimes"],
    ["WG_RECONCILE_INTERVAL", "0"],
    ["WG_RECONCILE_INTERVAL", "86401"],
    ["WG_VICTORIAMETRICS_URL", "ftp://x"],
    ["WG_VICTORIAMETRICS_URL", "http://user:secret@vm:8428"],
    ["WG_COLLECTOR_MODE", "thread"],
    ["WG_NETNS", "../etc"],
    ["DATABASE_URL", "mysql://x"],
    ["EXTERNAL_URL", "ftp://vpn.example.com"],
    ["EXTERNAL_URL", "vpn.example.com"],
    ["WG_INTERFACE", "a".repeat(16)],
    ["WG_INTERFACE", "wg 0"],
    ["WG_IPV4_MASQUERADE", "on"],
    ["WG_IPV6_MASQUERADE", "maybe"],
    ["WG_EGRESS_INTERFACE", "eth 0"],
    ["WG_EGRESS_INTERFACE", "wg0"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    const error = envError({ ...base, [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.startsWith(`${name} `)).toBe(true);
    expect(error.message).toContain(name);
  });

  it("reports several problems together", () => {
    const { problems, message } = envError({ ...base, WG_LISTEN_PORT: "70000", WG_IPV4_NETWORK: "10.0.0.0/33", DATABASE_URL: "mysql://x" });
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual(["DATABASE_URL", "WG_IPV4_NETWORK", "WG_LISTEN_PORT"]);
    expect(message).toMatch(/^Invalid configuration: .+; .+; .+$/);
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({
      ...base,
      EXTERNAL_URL: "",
      WG_INTERFACE: "",
      WG_LISTEN_PORT: "",
      WG_METRICS_ENABLED: "",
      WG_VICTORIAMETRICS_URL: "",
      NEXTAUTH_SECRET: "",
    });
    expect(env.EXTERNAL_URL).toBe("http://localhost:3000");
    expect(env.WG_INTERFACE).toBe("wg0");
    expect(env.WG_LISTEN_PORT).toBe(51820);
    expect(env.WG_METRICS_ENABLED).toBe(false);
    expect(env.WG_VICTORIAMETRICS_URL).toBeUndefined();
  });

  it("falls back to NEXTAUTH_SECRET when AUTH_SECRET is empty", () => {
    const other = "n".repeat(32);
    expect(parseEnv({ ...base, AUTH_SECRET: "", NEXTAUTH_SECRET: other }).AUTH_SECRET).toBe(other);
  });

  it.each([
    ["true", true],
    ["1", true],
    ["yes", true],
    ["false", false],
    ["0", false],
    ["no", false],
  ])("parses WG_METRICS_ENABLED=%s", (value, expected) => {
    expect(parseEnv({ ...base, WG_METRICS_ENABLED: value }).WG_METRICS_ENABLED).toBe(expected);
  });
});

describe("parseEnv regressions", () => {
  it("reports a missing secret together with the other problems", () => {
    const { problems } = envError({ DATABASE_URL: "mysql://x" });
    expect(problems.map((problem) => problem.split(" ")[0]).sort()).toEqual(["AUTH_SECRET", "DATABASE_URL"]);
  });

  it.each(["0x10", "1e3", "51820.5"])("rejects WG_LISTEN_PORT=%j instead of coercing it", (value) => {
    expect(envError({ ...base, WG_LISTEN_PORT: value }).problems[0]).toMatch(/^WG_LISTEN_PORT must be a whole number/);
  });

  it("treats a blank value as unset", () => {
    expect(parseEnv({ ...base, WG_LISTEN_PORT: " " }).WG_LISTEN_PORT).toBe(51820);
  });
});

describe("the collector's settings", () => {
  const key = deriveEncryptionKey(SECRET).toString("hex");
  const collectorBase = { DATABASE_URL: base.DATABASE_URL, WIREGUI_ENCRYPTION_KEY: key };

  function collectorError(source: Record<string, string | undefined>): EnvError {
    try {
      parseCollectorEnv(source);
    } catch (error) {
      if (error instanceof EnvError) return error;
      throw error;
    }
    throw new Error("expected parseCollectorEnv to throw an EnvError");
  }

  it("need WIREGUI_ENCRYPTION_KEY and not AUTH_SECRET, and carry no secret but the key", () => {
    const env = parseCollectorEnv(collectorBase);
    expect(env.encryptionKey.equals(deriveEncryptionKey(SECRET))).toBe(true);
    expect(env).not.toHaveProperty("AUTH_SECRET");
    expect(env).not.toHaveProperty("WIREGUI_ENCRYPTION_KEY");
  });

  it("refuse to start without the key, naming it and where to get it", () => {
    expect(collectorError({ DATABASE_URL: base.DATABASE_URL, AUTH_SECRET: SECRET }).problems).toEqual([
      expect.stringMatching(/^WIREGUI_ENCRYPTION_KEY is required: .*wiregui print-encryption-key/),
    ]);
  });

  it.each(["abc", "z".repeat(64), SECRET])("refuse a malformed key %j", (value) => {
    expect(collectorError({ ...collectorBase, WIREGUI_ENCRYPTION_KEY: value }).problems).toEqual([expect.stringMatching(/^WIREGUI_ENCRYPTION_KEY must be 64 hex digits/)]);
  });

  it("let the web app check a key given beside AUTH_SECRET", () => {
    expect(() => parseEnv({ ...base, WIREGUI_ENCRYPTION_KEY: key })).not.toThrow();
    expect(envError({ ...base, WIREGUI_ENCRYPTION_KEY: "0".repeat(64) }).problems).toEqual([expect.stringMatching(/^WIREGUI_ENCRYPTION_KEY does not match AUTH_SECRET/)]);
  });
});

describe("parseAuthSecret", () => {
  it("reads AUTH_SECRET or NEXTAUTH_SECRET alone, with the same rules", () => {
    expect(parseAuthSecret({ AUTH_SECRET: SECRET })).toBe(SECRET);
    expect(parseAuthSecret({ NEXTAUTH_SECRET: SECRET })).toBe(SECRET);
    expect(() => parseAuthSecret({})).toThrow(/AUTH_SECRET is required/);
    expect(() => parseAuthSecret({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
});
