-- Egress rules enforced by the collector with nftables.
-- "any" with ports means TCP and UDP (nftables: meta l4proto { tcp, udp } th dport ...).
ALTER TABLE "egress_rules" DROP CONSTRAINT "egress_rules_port_range";
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_port_range"
  CHECK (("port_start" IS NULL AND "port_end" IS NULL)
    OR ("port_start" BETWEEN 1 AND 65535 AND "port_end" BETWEEN "port_start" AND 65535));
-- The cast fails on anything that is not a network address, so nothing unparsable reaches nft.
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_destination_cidr" CHECK ("destination"::cidr IS NOT NULL);
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_priority_range" CHECK ("priority" BETWEEN 1 AND 100000);

-- Wake the collector when a rule changes (same channel as peers: one pass applies both).
CREATE TRIGGER egress_rules_change
  AFTER INSERT OR UPDATE OR DELETE ON "egress_rules"
  FOR EACH ROW EXECUTE FUNCTION wiregui_notify_peer_change();

-- What the collector last did with the rules, per WireGuard interface, for the rules page.
CREATE TABLE "egress_rules_status" (
    "interface_name" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3),
    "rule_count" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "egress_rules_status_pkey" PRIMARY KEY ("interface_name")
);
