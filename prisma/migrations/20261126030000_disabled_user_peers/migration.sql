-- A disabled user's devices are not WireGuard peers: wake the collector when a user is disabled or
-- enabled again (payload: the user id, the collector only needs the wake-up).
CREATE TRIGGER users_peer_change_disabled
  AFTER UPDATE OF "is_disabled" ON "users"
  FOR EACH ROW
  WHEN (OLD."is_disabled" IS DISTINCT FROM NEW."is_disabled")
  EXECUTE FUNCTION wiregui_notify_peer_change();
