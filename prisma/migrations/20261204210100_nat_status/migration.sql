-- Source NAT for full-tunnel clients: the collector reports what its nat table does and when it
-- last applied it, beside the egress rules' status.
ALTER TABLE "egress_rules_status" ADD COLUMN     "nat_applied_at" TIMESTAMP(3),
ADD COLUMN     "nat_description" TEXT,
ADD COLUMN     "nat_last_error" TEXT,
ADD COLUMN     "nat_last_error_at" TIMESTAMP(3);
