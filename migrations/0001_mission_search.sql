-- French full-text search that ignores accents: "numerique" finds "numérique".
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION fr_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
--> statement-breakpoint
-- unaccent() is only STABLE, so a generated column cannot use it: a trigger keeps the vector fresh.
CREATE OR REPLACE FUNCTION missions_search_vector_refresh() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('fr_unaccent', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('fr_unaccent', coalesce(NEW.description, '')), 'B');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER missions_search_vector_trigger
  BEFORE INSERT OR UPDATE OF title, description ON missions
  FOR EACH ROW EXECUTE FUNCTION missions_search_vector_refresh();
--> statement-breakpoint
-- Wakes the outbox relay as soon as an event is committed (it also polls, in case a NOTIFY is missed).
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('outbox', NEW.id::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER outbox_notify_trigger AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify();
