-- CreateIndex
CREATE INDEX "egress_rules_user_id_idx" ON "egress_rules"("user_id");


-- Ranges and non-null lists the application already enforces, so raw SQL or a future bug cannot
-- store what WireGuard would refuse (or what pages would fail to show).
ALTER TABLE "devices" ALTER COLUMN "allowed_ips" SET NOT NULL, ALTER COLUMN "dns" SET NOT NULL;
ALTER TABLE "devices" ADD CONSTRAINT "devices_mtu_range" CHECK ("mtu" IS NULL OR "mtu" BETWEEN 576 AND 1500);
ALTER TABLE "devices" ADD CONSTRAINT "devices_keepalive_range" CHECK ("persistent_keepalive" IS NULL OR "persistent_keepalive" BETWEEN 0 AND 120);
ALTER TABLE "devices" ADD CONSTRAINT "devices_counters_non_negative" CHECK ("rx_bytes" >= 0 AND "tx_bytes" >= 0);
ALTER TABLE "configuration" ALTER COLUMN "default_client_allowed_ips" SET NOT NULL, ALTER COLUMN "default_client_dns" SET NOT NULL;
ALTER TABLE "configuration" ADD CONSTRAINT "configuration_listen_port_range" CHECK ("listen_port" BETWEEN 1 AND 65535);
ALTER TABLE "configuration" ADD CONSTRAINT "configuration_mtu_range" CHECK ("default_client_mtu" BETWEEN 576 AND 1500);
ALTER TABLE "configuration" ADD CONSTRAINT "configuration_keepalive_range" CHECK ("default_client_persistent_keepalive" BETWEEN 0 AND 120);
ALTER TABLE "egress_rules" ADD CONSTRAINT "egress_rules_port_range"
  CHECK (("port_start" IS NULL AND "port_end" IS NULL)
    OR ("protocol" <> 'any' AND "port_start" BETWEEN 1 AND 65535 AND "port_end" BETWEEN "port_start" AND 65535));
