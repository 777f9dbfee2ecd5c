-- Sign-in throttle shared by every web process (failures and known addresses), folded audit refusals
-- (count, last seen, fold key) and the audit retention setting.
-- AlterTable
ALTER TABLE "configuration" ADD COLUMN     "audit_retention_days" INTEGER NOT NULL DEFAULT 365;

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "fold_key" TEXT,
ADD COLUMN     "last_seen_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "sign_in_failures" (
    "id" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "ip" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_failures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_known_addresses" (
    "account" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "last_sign_in_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sign_in_known_addresses_pkey" PRIMARY KEY ("account","ip")
);

-- CreateIndex
CREATE INDEX "sign_in_failures_account_created_at_idx" ON "sign_in_failures"("account", "created_at");

-- CreateIndex
CREATE INDEX "sign_in_failures_ip_created_at_idx" ON "sign_in_failures"("ip", "created_at");

-- CreateIndex
CREATE INDEX "sign_in_known_addresses_last_sign_in_at_idx" ON "sign_in_known_addresses"("last_sign_in_at");

-- CreateIndex
CREATE INDEX "audit_events_fold_key_created_at_idx" ON "audit_events"("fold_key", "created_at");


ALTER TABLE "configuration" ADD CONSTRAINT "configuration_audit_retention_days_check"
  CHECK ("audit_retention_days" BETWEEN 1 AND 3650);

ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_count_check" CHECK ("count" >= 1);
