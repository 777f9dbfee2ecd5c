// Egress rule input, shared by the admin form, the REST API and the tests.
import { z } from "zod";
import { canonicalCidr } from "../net/ip";
import { cidrV4Schema, cidrV6Schema } from "../validation/network";

export const RULE_ACTIONS = ["accept", "drop"] as const;
export const RULE_PROTOCOLS = ["any", "tcp", "udp"] as const;
export const MAX_RULE_PRIORITY = 100_000;

export type RuleAction = (typeof RULE_ACTIONS)[number];
export type RuleProtocol = (typeof RULE_PROTOCOLS)[number];

const destinationSchema = z
  .string()
  .trim()
  .min(1, "is required: an IPv4 or IPv6 network such as 10.0.0.0/8 or fd00::/8")
  .transform((value, context) => {
    // A bare address means that one host.
    const withPrefix = value.includes("/") ? value : `${value}/${value.includes(":") ? 128 : 32}`;
    const schema = withPrefix.includes(":") ? cidrV6Schema : cidrV4Schema;
    const parsed = schema.safeParse(withPrefix);
    if (!parsed.success) {
      context.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "is not a network" });
      return z.NEVER;
    }
    return canonicalCidr(parsed.data);
  });

/** "", "443" or "8000-8100": null for every port, else an inclusive range. */
export const portRangeSchema = z
  .string()
  .trim()
  .default("")
  .transform((value, context) => {
    if (value === "") return null;
    const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(value);
    const start = Number(match?.[1]);
    const end = match?.[2] === undefined ? start : Number(match[2]);
    if (!match || start < 1 || end > 65535 || start > end) {
      context.addIssue({ code: "custom", message: "must be a port (1-65535) or a range such as 8000-8100, low to high" });
      return z.NEVER;
    }
    return { start, end };
  });

export const ruleInputSchema = z
  .object({
    action: z.enum(RULE_ACTIONS, { message: "must be accept or drop" }),
    destination: destinationSchema,
    protocol: z.enum(RULE_PROTOCOLS, { message: "must be any, tcp or udp" }).default("any"),
    ports: portRangeSchema,
    /** Empty or null: every user (a global rule). */
    userId: z.union([z.uuid({ message: "must be a user id" }), z.literal(""), z.null()]).default(null).transform((value) => value || null),
    /** Empty: after every existing rule. */
    priority: z.preprocess(
      (value) => (value === "" || value === undefined || value === null ? null : typeof value === "string" ? Number(value) : value),
      z.number({ message: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(MAX_RULE_PRIORITY, `must be at most ${MAX_RULE_PRIORITY}`).nullable(),
    ),
    description: z.string().trim().max(200, "must be at most 200 characters").default(""),
    /** The admin has read the overlap explanations and saves anyway. */
    acceptOverlaps: z.boolean().default(false),
  });

export type RuleInput = z.output<typeof ruleInputSchema>;

export const ruleIdSchema = z.object({ id: z.uuid({ message: "must be a rule id" }) });
export const updateRuleSchema = ruleInputSchema.extend({ id: z.uuid({ message: "must be a rule id" }) });
export const moveRuleSchema = z.object({ id: z.uuid({ message: "must be a rule id" }), direction: z.enum(["up", "down"]) });

/** The part of a rule that decides which packets it matches. */
export interface RuleMatch {
  destination: string;
  protocol: RuleProtocol;
  portStart: number | null;
  portEnd: number | null;
  userId: string | null;
}

/** A rule as the data plane sees it. */
export interface RuleDefinition extends RuleMatch {
  id: string;
  action: RuleAction;
}

export function describePorts(rule: Pick<RuleMatch, "protocol" | "portStart" | "portEnd">): string {
  const protocol = rule.protocol === "any" ? (rule.portStart === null ? "any protocol" : "TCP and UDP") : rule.protocol.toUpperCase();
  if (rule.portStart === null) return protocol;
  const ports = rule.portStart === rule.portEnd ? `port ${rule.portStart}` : `ports ${rule.portStart}-${rule.portEnd}`;
  return `${protocol} ${ports}`;
}
