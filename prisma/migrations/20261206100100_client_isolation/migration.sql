-- Client isolation (Settings, Security): whether VPN clients may reach each other through the
-- server, and whether hosts on networks behind the server may open connections to clients. Both
-- off, also on existing installations: the collector enforces them in nftables.
ALTER TABLE "configuration" ADD COLUMN "allow_peer_to_peer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "allow_server_networks_to_clients" BOOLEAN NOT NULL DEFAULT false;

-- What the collector last applied, beside the egress rules' status (the same nftables table).
ALTER TABLE "egress_rules_status" ADD COLUMN "isolation_description" TEXT;

-- A changed switch wakes the collector on the peer channel, whose passes apply the rules too.
CREATE TRIGGER configuration_peer_change_isolation
  AFTER UPDATE OF "allow_peer_to_peer", "allow_server_networks_to_clients" ON "configuration"
  FOR EACH ROW
  WHEN ((OLD."allow_peer_to_peer", OLD."allow_server_networks_to_clients")
    IS DISTINCT FROM (NEW."allow_peer_to_peer", NEW."allow_server_networks_to_clients"))
  EXECUTE FUNCTION wiregui_notify_peer_change();
