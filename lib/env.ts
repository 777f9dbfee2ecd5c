// Process settings, validated once. Only infrastructure modules read process.env; everything
// else receives these typed values. A bad value stops start-up with a message naming the variable.
import { z } from "zod";
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

const envSchema = z
  .object({
    DATABASE_URL: z
      .string({ message: "is required" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
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
  })
  // parseEnv has already reported a missing secret, so one of the two is set here.
  .transform(({ AUTH_SECRET, NEXTAUTH_SECRET, ...rest }) => ({ ...rest, AUTH_SECRET: (AUTH_SECRET ?? NEXTAUTH_SECRET)! }));

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Treats empty strings as unset, as shells and compose files often pass them. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
  // Checked here rather than in the schema, so it is reported together with every other problem.
  const problems = cleaned.AUTH_SECRET || cleaned.NEXTAUTH_SECRET ? [] : ["AUTH_SECRET is required (or NEXTAUTH_SECRET)"];
  const result = envSchema.safeParse(cleaned);
  if (!result.success) problems.push(...result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
