// Process settings, validated once. Only infrastructure modules read process.env; everything
// else receives these typed values. A bad value stops start-up with a message naming the variable.
import { z } from "zod";
import { deriveEncryptionKey, ENCRYPTION_KEY_PATTERN, parseEncryptionKey } from "./crypto/keys";
import { cidrV4Schema, cidrV6Schema, interfaceNameSchema, trustedProxyProblem } from "./validation/network";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** A decimal integer in range; rejects "0x10", "1e3" and blanks that z.coerce would accept. */
function integerString(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be a whole number from ${min} to ${max}`);
}

const authSecretSchema = z.string().min(32, "must be at least 32 characters");

const envSchema = z
  .object({
    DATABASE_URL: z
      .string({ message: "is required" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    AUTH_SECRET: authSecretSchema.optional(),
    NEXTAUTH_SECRET: authSecretSchema.optional(),
    // The collector's only key: it reads secrets at rest with it, and cannot sign sessions.
    WIREGUI_ENCRYPTION_KEY: z.string().trim().regex(ENCRYPTION_KEY_PATTERN, "must be 64 hex digits (print it with `wiregui print-encryption-key`)").optional(),
    EXTERNAL_URL: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://vpn.example.com" })
      .default("http://localhost:3000")
      .transform((url) => url.replace(/\/+$/, ""))
      // next-auth would take a path as its base path; WireGUI is served from the root.
      .refine((url) => new URL(url).origin === url, "must be an origin only (scheme, host and port; no path, query or credentials)"),
    WG_INTERFACE: interfaceNameSchema.default("wg0"),
    WG_LISTEN_PORT: integerString(1, 65535).default(51820),
    WG_IPV4_NETWORK: cidrV4Schema.default("10.3.2.0/24"),
    WG_IPV6_NETWORK: cidrV6Schema.default("fd00::3:2:0/120"),
    WG_MANAGE_INTERFACE: booleanString.default(false),
    // Source NAT for full-tunnel clients (collector/nft-nat.ts): masquerade the tunnel networks on
    // their way out, through WG_EGRESS_INTERFACE only when it is set.
    WG_IPV4_MASQUERADE: booleanString.default(true),
    WG_IPV6_MASQUERADE: booleanString.default(true),
    WG_EGRESS_INTERFACE: interfaceNameSchema.optional(),
    WG_RECONCILE_INTERVAL: integerString(1, 86400).default(30),
    WG_METRICS_ENABLED: booleanString.default(false),
    WG_METRICS_POLL_INTERVAL: integerString(1, 3600).default(5),
    // sidecar: the collector runs on its own (compose, local stack); subprocess: the web app starts
    // it when metrics are enabled and stops it on shutdown (a single host, the web app as root).
    WG_COLLECTOR_MODE: z.enum(["sidecar", "subprocess"], { message: "must be sidecar or subprocess" }).default("sidecar"),
    // For tooling and tests: run the collector's wg/ip commands inside this network namespace.
    WG_NETNS: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be a network namespace name").optional(),
    // Reverse proxies whose X-Forwarded-For is believed (CIDRs or addresses, comma-separated).
    TRUSTED_PROXIES: z
      .string()
      .transform((value) => value.split(/[\s,]+/).filter(Boolean))
      .superRefine((entries, ctx) => {
        const problem = trustedProxyProblem(entries);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default([]),
    WG_VICTORIAMETRICS_URL: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://localhost:8428" })
      // It appears in logs and diagnostics, and fetch refuses credentials in a URL anyway.
      .refine((url) => !new URL(url).username && !new URL(url).password, "must not contain a user name or password")
      .optional()
      .transform((url) => url?.replace(/\/+$/, "")),
    // The collector reaches WG_VICTORIAMETRICS_URL through this Unix socket instead (compose: its
    // network namespace is on no network with VictoriaMetrics on it).
    WG_VICTORIAMETRICS_SOCKET: z.string().startsWith("/", "must be an absolute path to a Unix socket").optional(),
  });

type Settings = Omit<z.output<typeof envSchema>, "AUTH_SECRET" | "NEXTAUTH_SECRET" | "WIREGUI_ENCRYPTION_KEY">;
/** The web app's and the CLI's settings: AUTH_SECRET is the root of every key (lib/crypto/keys.ts). */
export type Env = Settings & { AUTH_SECRET: string };
/** The collector's: the encryption key instead of AUTH_SECRET, so it can read secrets but never sign a session. */
export type CollectorEnv = Settings & { encryptionKey: Buffer };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

const COLLECTOR_KEY_MISSING =
  "WIREGUI_ENCRYPTION_KEY is required: the collector reads stored secrets with it and is never given AUTH_SECRET (print it with `wiregui print-encryption-key` where AUTH_SECRET is set)";

/** Treats empty strings as unset, as shells and compose files often pass them. */
function parseSettings(source: Record<string, string | undefined>, requiredSecret: "AUTH_SECRET" | "WIREGUI_ENCRYPTION_KEY") {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  // Checked here rather than in the schema, so it is reported together with every other problem.
  const problems: string[] = [];
  if (requiredSecret === "AUTH_SECRET" && !cleaned.AUTH_SECRET && !cleaned.NEXTAUTH_SECRET) problems.push("AUTH_SECRET is required (or NEXTAUTH_SECRET)");
  if (requiredSecret === "WIREGUI_ENCRYPTION_KEY" && !cleaned.WIREGUI_ENCRYPTION_KEY) problems.push(COLLECTOR_KEY_MISSING);
  const result = envSchema.safeParse(cleaned);
  if (!result.success) problems.push(...result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  if (result.success && result.data.WG_EGRESS_INTERFACE !== undefined && result.data.WG_EGRESS_INTERFACE === result.data.WG_INTERFACE) {
    problems.push("WG_EGRESS_INTERFACE must be the interface traffic leaves through, not the WireGuard interface (WG_INTERFACE)");
  }
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  const { AUTH_SECRET, NEXTAUTH_SECRET, WIREGUI_ENCRYPTION_KEY, ...settings } = result.data;
  return { settings, authSecret: AUTH_SECRET ?? NEXTAUTH_SECRET, encryptionKey: WIREGUI_ENCRYPTION_KEY ? parseEncryptionKey(WIREGUI_ENCRYPTION_KEY) : undefined };
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const { settings, authSecret, encryptionKey } = parseSettings(source, "AUTH_SECRET");
  // Optional here; when given (one env file for everything), it must be the one AUTH_SECRET gives.
  if (encryptionKey && !encryptionKey.equals(deriveEncryptionKey(authSecret!))) {
    throw new EnvError(["WIREGUI_ENCRYPTION_KEY does not match AUTH_SECRET (print the right one with `wiregui print-encryption-key`)"]);
  }
  return { ...settings, AUTH_SECRET: authSecret! };
}

/** AUTH_SECRET alone, for commands that need nothing else (`wiregui print-encryption-key`). */
export function parseAuthSecret(source: Record<string, string | undefined>): string {
  const name = source.AUTH_SECRET?.trim() ? "AUTH_SECRET" : source.NEXTAUTH_SECRET?.trim() ? "NEXTAUTH_SECRET" : null;
  if (!name) throw new EnvError(["AUTH_SECRET is required (or NEXTAUTH_SECRET)"]);
  const result = authSecretSchema.safeParse(source[name]);
  if (!result.success) throw new EnvError([`${name} ${result.error.issues[0]?.message ?? "is invalid"}`]);
  return result.data;
}

export function parseCollectorEnv(source: Record<string, string | undefined>): CollectorEnv {
  const { settings, encryptionKey } = parseSettings(source, "WIREGUI_ENCRYPTION_KEY");
  return { ...settings, encryptionKey: encryptionKey! };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
