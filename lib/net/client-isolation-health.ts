// The diagnostics line for client isolation: the switches in the configuration row and what the
// collector last applied with the egress rules (egress_rules_status: the same nftables table).
import type { EgressRulesStatus } from "../generated/prisma/client";
import { ago, type HealthLine } from "../metrics/stats-health";
import { describeClientIsolation, type ClientIsolation } from "./client-isolation";

type RulesStatus = Pick<EgressRulesStatus, "appliedAt" | "isolationDescription" | "lastError" | "lastErrorAt">;

const NAME = "Client isolation";

export function describeClientIsolationHealth(status: RulesStatus | null, isolation: ClientIsolation, now = Date.now()): HealthLine {
  const onOff = (isOn: boolean) => (isOn ? "on" : "off");
  const configured = `Clients may reach each other: ${onOff(isolation.allowPeerToPeer)}; networks behind the server may reach clients: ${onOff(isolation.allowServerNetworksToClients)} (Settings → Security).`;
  const applied = status?.appliedAt && status.isolationDescription ? ` The collector applied ${ago(status.appliedAt, now)}: ${status.isolationDescription}.` : "";
  if (status?.lastErrorAt && (!status.appliedAt || status.lastErrorAt > status.appliedAt)) {
    return { name: NAME, status: "error", detail: `${configured} Not applied (retried on every pass): ${status.lastError}.${applied}` };
  }
  if (!applied) return { name: NAME, status: "warning", detail: `${configured} Not applied by the collector yet (it does on its first pass).` };
  // A change reaches nftables within a second: a difference that stays means no collector is listening.
  if (status?.isolationDescription !== describeClientIsolation(isolation)) {
    return { name: NAME, status: "warning", detail: `${configured} The collector has not applied the latest change yet.${applied}` };
  }
  return { name: NAME, status: "ok", detail: `${configured}${applied}` };
}
