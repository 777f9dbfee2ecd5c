// The diagnostics line for source NAT of full-tunnel clients: the web app's settings (the same
// environment as the collector's) and what the collector last reported in egress_rules_status.
import type { EgressRulesStatus } from "../generated/prisma/client";
import { ago, type HealthLine } from "../metrics/stats-health";

export interface NatHealthSettings {
  interfaceName: string;
  ipv4Masquerade: boolean;
  ipv6Masquerade: boolean;
  egressInterface: string | undefined;
}

type NatStatus = Pick<EgressRulesStatus, "natDescription" | "natAppliedAt" | "natLastError" | "natLastErrorAt">;

const NAME = "NAT for full-tunnel clients";

export function describeNatHealth(status: NatStatus | null, settings: NatHealthSettings, now = Date.now()): HealthLine {
  const family = (name: string, isOn: boolean) => `${name} masquerade ${isOn ? "on" : "off"}`;
  const egress = settings.egressInterface ? `egress interface ${settings.egressInterface}` : `egress through any interface but ${settings.interfaceName}`;
  const configured = `${family("IPv4", settings.ipv4Masquerade)}, ${family("IPv6", settings.ipv6Masquerade)}, ${egress}.`;
  if (!settings.ipv4Masquerade && !settings.ipv6Masquerade) {
    return { name: NAME, status: "ok", detail: `Off (WG_IPV4_MASQUERADE and WG_IPV6_MASQUERADE are false): full-tunnel clients reach only networks that route the tunnel back.${status?.natAppliedAt ? ` Collector: ${status.natDescription}, ${ago(status.natAppliedAt, now)}.` : ""}` };
  }
  const applied = status?.natAppliedAt ? ` The collector applied it ${ago(status.natAppliedAt, now)}: ${status.natDescription}.` : "";
  if (status?.natLastErrorAt && (!status.natAppliedAt || status.natLastErrorAt > status.natAppliedAt)) {
    return { name: NAME, status: "error", detail: `${configured} Not applied (retried on every full pass): ${status.natLastError}.${applied}` };
  }
  if (!status?.natAppliedAt) return { name: NAME, status: "warning", detail: `${configured} Not applied by the collector yet (it does on its first full pass).` };
  return { name: NAME, status: "ok", detail: `${configured}${applied}` };
}
