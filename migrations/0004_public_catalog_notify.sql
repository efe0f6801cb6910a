-- Every api instance keeps the public reads (published missions, search pages) in memory and
-- forgets them when this channel says what changed, whichever process wrote it (another api
-- instance, the notifier's scheduled close, a seed, psql). The payload is a mission id, or '*'
-- when the change can touch any mission (an association renamed or suspended, reference data).
-- NOTIFY is sent at commit and folds identical payloads of one transaction into one.
CREATE FUNCTION notify_public_catalog_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'missions' THEN
    PERFORM pg_notify('public_catalog', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
  ELSE
    PERFORM pg_notify('public_catalog', (CASE WHEN TG_OP = 'DELETE' THEN OLD.mission_id ELSE NEW.mission_id END)::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION notify_public_catalog_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('public_catalog', '*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER missions_public_catalog AFTER INSERT OR UPDATE OR DELETE ON missions
  FOR EACH ROW EXECUTE FUNCTION notify_public_catalog_row();
--> statement-breakpoint
CREATE TRIGGER mission_skills_public_catalog AFTER INSERT OR UPDATE OR DELETE ON mission_skills
  FOR EACH ROW EXECUTE FUNCTION notify_public_catalog_row();
--> statement-breakpoint
-- Only accepted applications show publicly (the seats taken); a pending one changes nothing.
CREATE TRIGGER applications_public_catalog_insert AFTER INSERT ON applications
  FOR EACH ROW WHEN (NEW.status = 'accepted') EXECUTE FUNCTION notify_public_catalog_row();
--> statement-breakpoint
CREATE TRIGGER applications_public_catalog_update AFTER UPDATE ON applications
  FOR EACH ROW WHEN ((OLD.status = 'accepted') IS DISTINCT FROM (NEW.status = 'accepted') OR OLD.mission_id IS DISTINCT FROM NEW.mission_id)
  EXECUTE FUNCTION notify_public_catalog_row();
--> statement-breakpoint
CREATE TRIGGER applications_public_catalog_delete AFTER DELETE ON applications
  FOR EACH ROW WHEN (OLD.status = 'accepted') EXECUTE FUNCTION notify_public_catalog_row();
--> statement-breakpoint
CREATE TRIGGER associations_public_catalog AFTER UPDATE OR DELETE ON associations
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_catalog_all();
--> statement-breakpoint
CREATE TRIGGER skills_public_catalog AFTER INSERT OR UPDATE OR DELETE ON skills
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_catalog_all();
--> statement-breakpoint
CREATE TRIGGER domains_public_catalog AFTER INSERT OR UPDATE OR DELETE ON domains
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_catalog_all();
--> statement-breakpoint
CREATE TRIGGER communes_public_catalog AFTER INSERT OR UPDATE OR DELETE ON communes
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_catalog_all();
