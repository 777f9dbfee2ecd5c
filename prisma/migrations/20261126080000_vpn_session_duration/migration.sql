-- VPN session expiry: a user's peers stay on WireGuard for this many seconds after their last
-- sign-in (null = sessions never expire). Only the durations the UI offers are allowed.
ALTER TABLE "configuration" ADD COLUMN "vpn_session_duration" INTEGER;

ALTER TABLE "configuration" ADD CONSTRAINT "configuration_vpn_session_duration_check"
  CHECK ("vpn_session_duration" IS NULL OR "vpn_session_duration" IN (3600, 86400, 604800, 2592000, 7776000));

-- A sign-in starts a new session (it may bring an expired user's peers back), and a new duration
-- changes who is expired: both wake the collector on the peer channel (payload: the row id).
CREATE TRIGGER users_peer_change_sign_in
  AFTER UPDATE OF "last_sign_in_at" ON "users"
  FOR EACH ROW
  WHEN (OLD."last_sign_in_at" IS DISTINCT FROM NEW."last_sign_in_at")
  EXECUTE FUNCTION wiregui_notify_peer_change();

CREATE TRIGGER configuration_peer_change_vpn_session
  AFTER UPDATE OF "vpn_session_duration" ON "configuration"
  FOR EACH ROW
  WHEN (OLD."vpn_session_duration" IS DISTINCT FROM NEW."vpn_session_duration")
  EXECUTE FUNCTION wiregui_notify_peer_change();
