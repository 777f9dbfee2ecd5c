-- Audit log: the user agent of the request that caused the event (the web app cuts it to 512
-- characters, the CHECK keeps it so), and indexes for the audit page's action and target filters.
ALTER TABLE "audit_events" ADD COLUMN "user_agent" TEXT;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_user_agent_length" CHECK (char_length("user_agent") <= 512);

CREATE INDEX "audit_events_action_created_at_idx" ON "audit_events"("action", "created_at");

CREATE INDEX "audit_events_target_id_idx" ON "audit_events"("target_id");
