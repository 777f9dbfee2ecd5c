// Egress rule queries: the admin list (in evaluation order), and what the collector enforces
// (the rules and client isolation, in one nftables table).
import type { DbClient } from "./client";
import { CONFIGURATION_ID } from "./configuration";

/** Evaluation order: priority, then age (then id, so the order is total). */
export const ruleOrder = [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] as const;

export const ruleSelect = {
  id: true,
  action: true,
  destination: true,
  protocol: true,
  portStart: true,
  portEnd: true,
  userId: true,
  priority: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  user: { select: { email: true } },
} as const;

export async function listRules(db: DbClient, where: { userId?: string | null; includeGlobal?: boolean } = {}) {
  const filter =
    where.userId === undefined ? {} : where.includeGlobal ? { OR: [{ userId: where.userId }, { userId: null }] } : { userId: where.userId };
  const rules = await db.egressRule.findMany({ where: filter, orderBy: [...ruleOrder], select: ruleSelect });
  return rules.map(({ user, ...rule }) => ({ ...rule, userEmail: user?.email ?? null }));
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

/**
 * The rules in order, the tunnel addresses of every user a rule names (all their devices), and
 * the client isolation settings with the tunnel networks (null before setup).
 */
export async function loadEnforcedRules(db: DbClient) {
  const [rules, isolation] = await Promise.all([
    db.egressRule.findMany({
      orderBy: [...ruleOrder],
      select: { id: true, action: true, destination: true, protocol: true, portStart: true, portEnd: true, userId: true },
    }),
    db.configuration.findUnique({ where: { id: CONFIGURATION_ID }, select: { allowPeerToPeer: true, allowServerNetworksToClients: true, ipv4Network: true, ipv6Network: true } }),
  ]);
  const userIds = [...new Set(rules.flatMap((rule) => (rule.userId ? [rule.userId] : [])))];
  const devices = userIds.length === 0 ? [] : await db.device.findMany({ where: { userId: { in: userIds } }, select: { userId: true, ipv4: true, ipv6: true } });
  const userAddresses = new Map<string, string[]>(userIds.map((id) => [id, []]));
  for (const device of devices) {
    for (const address of [device.ipv4, device.ipv6]) if (address) userAddresses.get(device.userId)?.push(address);
  }
  return { rules, userAddresses, isolation };
}

export function recordRulesApplied(db: DbClient, interfaceName: string, ruleCount: number, isolationDescription: string) {
  const now = new Date();
  const data = { appliedAt: now, ruleCount, isolationDescription, lastError: null, lastErrorAt: null, updatedAt: now };
  return db.egressRulesStatus.upsert({ where: { interfaceName }, create: { interfaceName, ...data }, update: data });
}

export function recordRulesError(db: DbClient, interfaceName: string, message: string) {
  const now = new Date();
  const data = { lastError: message.slice(0, 2000), lastErrorAt: now, updatedAt: now };
  return db.egressRulesStatus.upsert({ where: { interfaceName }, create: { interfaceName, ...data }, update: data });
}

export function getRulesStatus(db: DbClient, interfaceName: string) {
  return db.egressRulesStatus.findUnique({ where: { interfaceName } });
}

export function recordNatApplied(db: DbClient, interfaceName: string, description: string) {
  const now = new Date();
  const data = { natDescription: description, natAppliedAt: now, natLastError: null, natLastErrorAt: null, updatedAt: now };
  return db.egressRulesStatus.upsert({ where: { interfaceName }, create: { interfaceName, ...data }, update: data });
}

export function recordNatError(db: DbClient, interfaceName: string, description: string, message: string) {
  const now = new Date();
  const data = { natDescription: description, natLastError: message.slice(0, 2000), natLastErrorAt: now, updatedAt: now };
  return db.egressRulesStatus.upsert({ where: { interfaceName }, create: { interfaceName, ...data }, update: data });
}
