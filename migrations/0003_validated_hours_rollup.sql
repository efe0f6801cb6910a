CREATE TABLE "validated_hours_cells" (
	"year" integer NOT NULL,
	"month" smallint NOT NULL,
	"has_profile" boolean NOT NULL,
	"business_unit_id" uuid,
	"region_code" text,
	"hours" numeric NOT NULL,
	"postiers" integer NOT NULL,
	"raw" numeric NOT NULL,
	"raw_difficulty" numeric NOT NULL,
	CONSTRAINT "validated_hours_cells_key" UNIQUE NULLS NOT DISTINCT("year","month","has_profile","business_unit_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "validated_hours_postiers" (
	"postier_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" smallint NOT NULL,
	"has_profile" boolean NOT NULL,
	"business_unit_id" uuid,
	"region_code" text,
	"hours" numeric NOT NULL,
	"raw" numeric NOT NULL,
	"raw_difficulty" numeric NOT NULL,
	CONSTRAINT "validated_hours_postiers_postier_id_year_month_pk" PRIMARY KEY("postier_id","year","month")
);
--> statement-breakpoint
ALTER TABLE "validated_hours_postiers" ADD CONSTRAINT "validated_hours_postiers_postier_id_users_id_fk" FOREIGN KEY ("postier_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "validated_hours_postiers_year_raw_idx" ON "validated_hours_postiers" USING btree ("year","raw") WHERE "validated_hours_postiers"."month" = 0;--> statement-breakpoint
-- Recomputes the rollup rows of the given postiers from their validated time entries, and moves
-- their old and new figures out of and into the cells. NULL rebuilds everything (one-off after a
-- bulk load made with triggers disabled: `select refresh_validated_hours(null);`).
CREATE OR REPLACE FUNCTION refresh_validated_hours(p_postiers uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_postiers IS NULL THEN
    LOCK TABLE validated_hours_postiers, validated_hours_cells IN EXCLUSIVE MODE;
    TRUNCATE validated_hours_postiers, validated_hours_cells;
    p_postiers := array(
      SELECT DISTINCT a.postier_id FROM time_entries te JOIN applications a ON a.id = te.application_id
      WHERE te.status = 'validated');
  ELSIF cardinality(p_postiers) > 1000 THEN
    LOCK TABLE validated_hours_postiers IN EXCLUSIVE MODE;
  ELSE
    PERFORM pg_advisory_xact_lock(hashtextextended('validated-hours:' || x::text, 0))
    FROM (SELECT DISTINCT unnest(p_postiers) AS x ORDER BY 1) s;
  END IF;
  IF coalesce(cardinality(p_postiers), 0) = 0 THEN RETURN; END IF;

  WITH old AS (DELETE FROM validated_hours_postiers WHERE postier_id = ANY (p_postiers) RETURNING *)
  INSERT INTO validated_hours_cells AS c
    (year, month, has_profile, business_unit_id, region_code, hours, postiers, raw, raw_difficulty)
  SELECT year, month, has_profile, business_unit_id, region_code,
    -sum(hours), -count(*)::int, -sum(raw), -sum(raw_difficulty)
  FROM old GROUP BY year, month, has_profile, business_unit_id, region_code
  ORDER BY year, month, has_profile, business_unit_id, region_code
  ON CONFLICT ON CONSTRAINT validated_hours_cells_key DO UPDATE SET
    hours = c.hours + excluded.hours, postiers = c.postiers + excluded.postiers,
    raw = c.raw + excluded.raw, raw_difficulty = c.raw_difficulty + excluded.raw_difficulty;

  WITH rates AS (
    SELECT business_unit_id, effective_from, cost_per_hour,
      lead(effective_from) OVER (PARTITION BY business_unit_id ORDER BY effective_from) AS until
    FROM hourly_costs
  ),
  e AS (
    SELECT a.postier_id, extract(year FROM te.date)::int AS year, extract(month FROM te.date)::int AS month,
      pp.user_id IS NOT NULL AS has_profile, pp.business_unit_id, c.region_code, te.hours,
      te.hours * coalesce(rt.cost_per_hour, 0) AS raw, asso.helps_people_in_difficulty AS hpd
    FROM time_entries te
    JOIN applications a ON a.id = te.application_id
    JOIN missions m ON m.id = a.mission_id
    JOIN associations asso ON asso.id = m.association_id
    LEFT JOIN postier_profiles pp ON pp.user_id = a.postier_id
    LEFT JOIN communes c ON c.code = pp.commune_code
    LEFT JOIN rates rt ON rt.business_unit_id = pp.business_unit_id
      AND rt.effective_from <= te.date AND (rt.until IS NULL OR te.date < rt.until)
    WHERE te.status = 'validated' AND a.postier_id = ANY (p_postiers)
  ),
  fresh AS (
    INSERT INTO validated_hours_postiers
      (postier_id, year, month, has_profile, business_unit_id, region_code, hours, raw, raw_difficulty)
    SELECT postier_id, year, coalesce(month, 0), has_profile, business_unit_id, region_code,
      sum(hours), sum(raw), coalesce(sum(raw) FILTER (WHERE hpd), 0)
    FROM e
    GROUP BY GROUPING SETS ((postier_id, year, has_profile, business_unit_id, region_code, month),
                            (postier_id, year, has_profile, business_unit_id, region_code))
    RETURNING *
  )
  INSERT INTO validated_hours_cells AS c
    (year, month, has_profile, business_unit_id, region_code, hours, postiers, raw, raw_difficulty)
  SELECT year, month, has_profile, business_unit_id, region_code,
    sum(hours), count(*)::int, sum(raw), sum(raw_difficulty)
  FROM fresh GROUP BY year, month, has_profile, business_unit_id, region_code
  ORDER BY year, month, has_profile, business_unit_id, region_code
  ON CONFLICT ON CONSTRAINT validated_hours_cells_key DO UPDATE SET
    hours = c.hours + excluded.hours, postiers = c.postiers + excluded.postiers,
    raw = c.raw + excluded.raw, raw_difficulty = c.raw_difficulty + excluded.raw_difficulty;

  DELETE FROM validated_hours_cells WHERE postiers = 0;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION validated_hours_on_time_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := array(SELECT DISTINCT a.postier_id FROM new_rows n JOIN applications a ON a.id = n.application_id
                 WHERE n.status = 'validated');
  ELSIF TG_OP = 'DELETE' THEN
    ids := array(SELECT DISTINCT a.postier_id FROM old_rows o JOIN applications a ON a.id = o.application_id
                 WHERE o.status = 'validated');
  ELSE
    ids := array(
      SELECT a.postier_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN applications a ON a.id IN (o.application_id, n.application_id)
      WHERE (o.status = 'validated' OR n.status = 'validated')
        AND (o.status IS DISTINCT FROM n.status OR o.hours <> n.hours OR o.date <> n.date
             OR o.application_id <> n.application_id)
      GROUP BY a.postier_id);
  END IF;
  IF cardinality(ids) > 0 THEN PERFORM refresh_validated_hours(ids); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER validated_hours_te_insert AFTER INSERT ON time_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_time_entries();
--> statement-breakpoint
CREATE TRIGGER validated_hours_te_update AFTER UPDATE ON time_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_time_entries();
--> statement-breakpoint
CREATE TRIGGER validated_hours_te_delete AFTER DELETE ON time_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_time_entries();
--> statement-breakpoint
-- A rate set or changed: every postier of the business unit is revalued.
CREATE OR REPLACE FUNCTION validated_hours_on_hourly_costs() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE units uuid[]; ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN units := array(SELECT business_unit_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN units := array(SELECT business_unit_id FROM old_rows);
  ELSE units := array(SELECT business_unit_id FROM old_rows UNION SELECT business_unit_id FROM new_rows);
  END IF;
  ids := array(SELECT DISTINCT postier_id FROM validated_hours_postiers
               WHERE month = 0 AND business_unit_id = ANY (units));
  IF cardinality(ids) > 0 THEN PERFORM refresh_validated_hours(ids); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER validated_hours_hc_insert AFTER INSERT ON hourly_costs
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_hourly_costs();
--> statement-breakpoint
CREATE TRIGGER validated_hours_hc_update AFTER UPDATE ON hourly_costs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_hourly_costs();
--> statement-breakpoint
CREATE TRIGGER validated_hours_hc_delete AFTER DELETE ON hourly_costs
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_hourly_costs();
--> statement-breakpoint
-- A postier moved to another business unit or commune (région): their hours follow them.
CREATE OR REPLACE FUNCTION validated_hours_on_postier_profiles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN ids := array(SELECT user_id FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN ids := array(SELECT user_id FROM old_rows);
  ELSE
    ids := array(SELECT o.user_id FROM old_rows o JOIN new_rows n ON n.user_id = o.user_id
                 WHERE o.business_unit_id IS DISTINCT FROM n.business_unit_id
                    OR o.commune_code IS DISTINCT FROM n.commune_code);
  END IF;
  ids := array(SELECT DISTINCT postier_id FROM validated_hours_postiers WHERE postier_id = ANY (ids) AND month = 0);
  IF cardinality(ids) > 0 THEN PERFORM refresh_validated_hours(ids); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER validated_hours_pp_insert AFTER INSERT ON postier_profiles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_postier_profiles();
--> statement-breakpoint
CREATE TRIGGER validated_hours_pp_update AFTER UPDATE ON postier_profiles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_postier_profiles();
--> statement-breakpoint
CREATE TRIGGER validated_hours_pp_delete AFTER DELETE ON postier_profiles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_postier_profiles();
--> statement-breakpoint
-- An association's "helps people in difficulty" flag changes the tax-reduction split.
CREATE OR REPLACE FUNCTION validated_hours_on_associations() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  ids := array(
    SELECT DISTINCT a.postier_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      JOIN missions m ON m.association_id = n.id JOIN applications a ON a.mission_id = m.id
    WHERE o.helps_people_in_difficulty IS DISTINCT FROM n.helps_people_in_difficulty
      AND EXISTS (SELECT 1 FROM time_entries te WHERE te.application_id = a.id AND te.status = 'validated'));
  IF cardinality(ids) > 0 THEN PERFORM refresh_validated_hours(ids); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER validated_hours_asso_update AFTER UPDATE ON associations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION validated_hours_on_associations();
