-- Metrics: per-device rates written by the stats loop, and its own status per interface.
ALTER TABLE "devices" ADD COLUMN "rx_bytes_per_second" DOUBLE PRECISION,
ADD COLUMN "tx_bytes_per_second" DOUBLE PRECISION;

ALTER TABLE "devices" ADD CONSTRAINT "devices_rates_non_negative" CHECK ("rx_bytes_per_second" >= 0 AND "tx_bytes_per_second" >= 0);

CREATE TABLE "collector_status" (
    "interface_name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "poll_interval_seconds" INTEGER NOT NULL,
    "last_cycle_at" TIMESTAMP(3),
    "last_cycle_duration_ms" INTEGER,
    "last_error_at" TIMESTAMP(3),
    "last_error" TEXT,
    "peers_on_interface" INTEGER NOT NULL DEFAULT 0,
    "peers_connected" INTEGER NOT NULL DEFAULT 0,
    "last_push_at" TIMESTAMP(3),
    "last_push_error" TEXT,
    "buffered_pushes" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "collector_status_pkey" PRIMARY KEY ("interface_name")
);
