"use client";

import { SwitchesForm } from "./switches-form";

export interface ClientIsolationValues {
  allowPeerToPeer: boolean;
  allowServerNetworksToClients: boolean;
}

const switches = [
  {
    name: "allowPeerToPeer",
    label: "Clients may reach each other",
    hint: "Off: traffic from one VPN client to another through the server is dropped. On: egress rules still apply to it.",
  },
  {
    name: "allowServerNetworksToClients",
    label: "Networks behind the server may reach clients",
    hint: "Off: hosts on the server's networks (and beyond) cannot open connections to VPN clients. Replies to the clients' own connections always pass.",
  },
] as const;

export function ClientIsolationForm({ initial }: { initial: ClientIsolationValues }) {
  return (
    <SwitchesForm switches={switches} initial={initial} savedMessage="Client isolation saved." submitLabel="Save client isolation">
      <p className="text-sm text-muted">
        Either way, clients can ping the server&apos;s tunnel addresses, and reach networks behind the server as the egress rules allow. The server&apos;s
        own services (its other addresses and ports) are closed to clients unless an egress rule accepts them.
      </p>
    </SwitchesForm>
  );
}
