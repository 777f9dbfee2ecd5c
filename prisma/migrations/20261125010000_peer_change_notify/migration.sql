-- Wakes the collector when WireGuard's peer set must change: a device added or removed, or its key,
-- preshared key or addresses edited (stats updates do not notify). The payload is the device id.
-- Prisma's Wasm migration engine splits statements at every semicolon, even inside a function body,
-- so the body's semicolons are written as the escape \073 in an E'' string.
CREATE OR REPLACE FUNCTION wiregui_notify_peer_change() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''wiregui_peers'', COALESCE(NEW.id, OLD.id)::text)\073 RETURN NULL\073 END';

CREATE TRIGGER devices_peer_change_insert_delete
  AFTER INSERT OR DELETE ON "devices"
  FOR EACH ROW EXECUTE FUNCTION wiregui_notify_peer_change();

CREATE TRIGGER devices_peer_change_update
  AFTER UPDATE OF "public_key", "preshared_key_encrypted", "ipv4", "ipv6" ON "devices"
  FOR EACH ROW
  WHEN ((OLD."public_key", OLD."preshared_key_encrypted", OLD."ipv4", OLD."ipv6")
    IS DISTINCT FROM (NEW."public_key", NEW."preshared_key_encrypted", NEW."ipv4", NEW."ipv6"))
  EXECUTE FUNCTION wiregui_notify_peer_change();
