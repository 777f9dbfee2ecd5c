// Process settings, validated once. Only infrastructure modules read process.env; everything
// else receives these typed values. A bad value stops start-up with a message naming the variable.
import { z } from "zod";
import { cidrV4Schema, cidrV6Schema, interfaceNameSchema } from "./validation/network";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

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
      .transform((url) => url.replace(/\/+$/, "")),
    WG_INTERFACE: interfaceNameSchema.default("wg0"),
    WG_LISTEN_PORT: z.coerce.number().int().min(1).max(65535).default(51820),
    WG_IPV4_NETWORK: cidrV4Schema.default("10.3.2.0/24"),
    WG_IPV6_NETWORK: cidrV6Schema.default("fd00::3:2:0/120"),
    WG_METRICS_ENABLED: booleanString.default(false),
    WG_METRICS_POLL_INTERVAL: z.coerce.number().int().min(1).max(3600).default(5),
    WG_VICTORIAMETRICS_URL: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL such as http://localhost:8428" })
      .optional()
      .transform((url) => url?.replace(/\/+$/, "")),
  })
  .transform(({ AUTH_SECRET, NEXTAUTH_SECRET, ...rest }, ctx) => {
    const authSecret = AUTH_SECRET ?? NEXTAUTH_SECRET;
    if (!authSecret) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required (or NEXTAUTH_SECRET)" });
      return z.NEVER;
    }
    return { ...rest, AUTH_SECRET: authSecret };
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

/** Treats empty strings as unset, as shells and compose files often pass them. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
