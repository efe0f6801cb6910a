CREATE TABLE "association_domains" (
	"association_id" uuid NOT NULL,
	"domain_code" text NOT NULL,
	CONSTRAINT "association_domains_association_id_domain_code_pk" PRIMARY KEY("association_id","domain_code")
);
--> statement-breakpoint
CREATE TABLE "association_members" (
	"association_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "association_members_association_id_user_id_pk" PRIMARY KEY("association_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "associations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"rna" text,
	"siret" text,
	"description" text DEFAULT '' NOT NULL,
	"commune_code" text NOT NULL,
	"label_status" text DEFAULT 'pending' NOT NULL,
	"label_reason" text,
	"label_decided_at" timestamp with time zone,
	"label_decided_by" uuid,
	"helps_people_in_difficulty" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "associations_identifier_check" CHECK ("associations"."rna" is not null or "associations"."siret" is not null),
	CONSTRAINT "associations_rna_format_check" CHECK ("associations"."rna" is null or "associations"."rna" ~ '^W[0-9]{9}$'),
	CONSTRAINT "associations_siret_format_check" CHECK ("associations"."siret" is null or "associations"."siret" ~ '^[0-9]{14}$'),
	CONSTRAINT "associations_label_status_check" CHECK ("associations"."label_status" in ('pending', 'labelled', 'rejected', 'suspended'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" bigint,
	"dedupe_key" text NOT NULL,
	"recipient_user_id" uuid,
	"template" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"message_id" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_deliveries_status_check" CHECK ("email_deliveries"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"postier_id" uuid NOT NULL,
	"motivation" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"hr_status" text,
	"hr_comment" text,
	"hr_decided_at" timestamp with time zone,
	"hr_decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_status_check" CHECK ("applications"."status" in ('submitted', 'accepted', 'declined', 'withdrawn')),
	CONSTRAINT "applications_hr_status_check" CHECK ("applications"."hr_status" is null or "applications"."hr_status" in ('pending', 'approved', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"mission_id" uuid NOT NULL,
	"postier_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"score" numeric(5, 4) NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"invited_at" timestamp with time zone,
	CONSTRAINT "matches_mission_id_postier_id_pk" PRIMARY KEY("mission_id","postier_id"),
	CONSTRAINT "matches_score_check" CHECK ("matches"."score" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "mission_skills" (
	"mission_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"level" integer NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	CONSTRAINT "mission_skills_mission_id_skill_code_pk" PRIMARY KEY("mission_id","skill_code"),
	CONSTRAINT "mission_skills_level_check" CHECK ("mission_skills"."level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"domain_code" text NOT NULL,
	"commune_code" text,
	"mode" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"hours_total" integer NOT NULL,
	"seats" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"search_vector" "tsvector",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "missions_mode_check" CHECK ("missions"."mode" in ('onsite', 'hybrid', 'remote')),
	CONSTRAINT "missions_status_check" CHECK ("missions"."status" in ('draft', 'published', 'filled', 'closed')),
	CONSTRAINT "missions_dates_check" CHECK ("missions"."start_date" <= "missions"."end_date"),
	CONSTRAINT "missions_hours_check" CHECK ("missions"."hours_total" between 1 and 2000),
	CONSTRAINT "missions_seats_check" CHECK ("missions"."seats" between 1 and 500),
	CONSTRAINT "missions_location_check" CHECK ("missions"."mode" = 'remote' or "missions"."commune_code" is not null)
);
--> statement-breakpoint
CREATE TABLE "solicitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"postier_id" uuid NOT NULL,
	"mission_id" uuid,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"date" date NOT NULL,
	"hours" numeric(4, 2) NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"rejection_reason" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"validated_at" timestamp with time zone,
	"validated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_entries_status_check" CHECK ("time_entries"."status" in ('submitted', 'confirmed', 'validated', 'rejected')),
	CONSTRAINT "time_entries_hours_check" CHECK ("time_entries"."hours" > 0 and "time_entries"."hours" <= 10)
);
--> statement-breakpoint
CREATE TABLE "postier_domains" (
	"user_id" uuid NOT NULL,
	"domain_code" text NOT NULL,
	CONSTRAINT "postier_domains_user_id_domain_code_pk" PRIMARY KEY("user_id","domain_code")
);
--> statement-breakpoint
CREATE TABLE "postier_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"business_unit_id" uuid,
	"commune_code" text,
	"mobility_radius_km" integer DEFAULT 20 NOT NULL,
	"remote_ok" boolean DEFAULT true NOT NULL,
	"available_from" date,
	"available_to" date,
	"matching_opt_in" boolean DEFAULT false NOT NULL,
	"yearly_quota_hours" integer,
	"last_solicited_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "postier_profiles_radius_check" CHECK ("postier_profiles"."mobility_radius_km" between 0 and 500),
	CONSTRAINT "postier_profiles_availability_check" CHECK ("postier_profiles"."available_from" is null or "postier_profiles"."available_to" is null or "postier_profiles"."available_from" <= "postier_profiles"."available_to")
);
--> statement-breakpoint
CREATE TABLE "postier_skills" (
	"user_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "postier_skills_user_id_skill_code_pk" PRIMARY KEY("user_id","skill_code"),
	CONSTRAINT "postier_skills_level_check" CHECK ("postier_skills"."level" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"departement_code" text NOT NULL,
	"region_code" text NOT NULL,
	"epci_code" text,
	"population" integer,
	"postal_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"coordinates_source" text NOT NULL,
	CONSTRAINT "communes_coordinates_source_check" CHECK ("communes"."coordinates_source" in ('geonames', 'epci', 'arrondissement', 'departement'))
);
--> statement-breakpoint
CREATE TABLE "departements" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "domains" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skill_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"category_code" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text NOT NULL,
	CONSTRAINT "skills_source_check" CHECK ("skills"."source" in ('ROME4', 'ESCO'))
);
--> statement-breakpoint
CREATE TABLE "business_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"legal_entity" text NOT NULL,
	"yearly_quota_hours" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "email_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "email_tokens_purpose_check" CHECK ("email_tokens"."purpose" in ('verify_email', 'password_reset', 'hr_invitation', 'unsubscribe'))
);
--> statement-breakpoint
CREATE TABLE "hourly_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"cost_per_hour" numeric(10, 2) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hourly_costs_positive_check" CHECK ("hourly_costs"."cost_per_hour" > 0)
);
--> statement-breakpoint
CREATE TABLE "hr_scopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"business_unit_id" uuid,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hr_scopes_not_empty_check" CHECK ("hr_scopes"."business_unit_id" is not null or "hr_scopes"."region_code" is not null)
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"recommendations" text DEFAULT 'weekly' NOT NULL,
	"activity" text DEFAULT 'immediate' NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_recommendations_check" CHECK ("notification_preferences"."recommendations" in ('immediate', 'daily', 'weekly', 'never')),
	CONSTRAINT "notification_preferences_activity_check" CHECK ("notification_preferences"."activity" in ('immediate', 'daily', 'weekly', 'never'))
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refresh_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email_verified_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inactivity_reminders_sent" integer DEFAULT 0 NOT NULL,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('postier', 'association', 'hr', 'admin')),
	CONSTRAINT "users_status_check" CHECK ("users"."status" in ('active', 'disabled', 'erased'))
);
--> statement-breakpoint
ALTER TABLE "association_domains" ADD CONSTRAINT "association_domains_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_domains" ADD CONSTRAINT "association_domains_domain_code_domains_code_fk" FOREIGN KEY ("domain_code") REFERENCES "public"."domains"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_label_decided_by_users_id_fk" FOREIGN KEY ("label_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_postier_id_users_id_fk" FOREIGN KEY ("postier_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_hr_decided_by_users_id_fk" FOREIGN KEY ("hr_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_postier_id_users_id_fk" FOREIGN KEY ("postier_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_skills" ADD CONSTRAINT "mission_skills_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_skills" ADD CONSTRAINT "mission_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_domain_code_domains_code_fk" FOREIGN KEY ("domain_code") REFERENCES "public"."domains"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_postier_id_users_id_fk" FOREIGN KEY ("postier_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solicitations" ADD CONSTRAINT "solicitations_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_domains" ADD CONSTRAINT "postier_domains_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_domains" ADD CONSTRAINT "postier_domains_domain_code_domains_code_fk" FOREIGN KEY ("domain_code") REFERENCES "public"."domains"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_profiles" ADD CONSTRAINT "postier_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_profiles" ADD CONSTRAINT "postier_profiles_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_profiles" ADD CONSTRAINT "postier_profiles_commune_code_communes_code_fk" FOREIGN KEY ("commune_code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_skills" ADD CONSTRAINT "postier_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postier_skills" ADD CONSTRAINT "postier_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_departement_code_departements_code_fk" FOREIGN KEY ("departement_code") REFERENCES "public"."departements"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departements" ADD CONSTRAINT "departements_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_category_code_skill_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."skill_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hourly_costs" ADD CONSTRAINT "hourly_costs_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hourly_costs" ADD CONSTRAINT "hourly_costs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_scopes" ADD CONSTRAINT "hr_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_scopes" ADD CONSTRAINT "hr_scopes_business_unit_id_business_units_id_fk" FOREIGN KEY ("business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_scopes" ADD CONSTRAINT "hr_scopes_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "association_members_user_idx" ON "association_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "associations_rna_idx" ON "associations" USING btree ("rna");--> statement-breakpoint
CREATE UNIQUE INDEX "associations_siret_idx" ON "associations" USING btree ("siret");--> statement-breakpoint
CREATE INDEX "associations_label_status_idx" ON "associations" USING btree ("label_status");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "email_deliveries_dedupe_idx" ON "email_deliveries" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "email_deliveries_status_idx" ON "email_deliveries" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_undispatched_idx" ON "outbox" USING btree ("id") WHERE "outbox"."dispatched_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_mission_postier_idx" ON "applications" USING btree ("mission_id","postier_id");--> statement-breakpoint
CREATE INDEX "applications_postier_idx" ON "applications" USING btree ("postier_id");--> statement-breakpoint
CREATE INDEX "applications_hr_status_idx" ON "applications" USING btree ("hr_status");--> statement-breakpoint
CREATE INDEX "matches_postier_idx" ON "matches" USING btree ("postier_id","score");--> statement-breakpoint
CREATE INDEX "mission_skills_skill_idx" ON "mission_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "missions_association_idx" ON "missions" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "missions_status_published_idx" ON "missions" USING btree ("status","published_at","id");--> statement-breakpoint
CREATE INDEX "missions_commune_idx" ON "missions" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "missions_search_idx" ON "missions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "solicitations_postier_idx" ON "solicitations" USING btree ("postier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "solicitations_unique_idx" ON "solicitations" USING btree ("postier_id","mission_id","kind");--> statement-breakpoint
CREATE INDEX "time_entries_application_idx" ON "time_entries" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "time_entries_status_date_idx" ON "time_entries" USING btree ("status","date");--> statement-breakpoint
CREATE INDEX "postier_profiles_commune_idx" ON "postier_profiles" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "postier_profiles_business_unit_idx" ON "postier_profiles" USING btree ("business_unit_id");--> statement-breakpoint
CREATE INDEX "postier_skills_skill_idx" ON "postier_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "communes_departement_idx" ON "communes" USING btree ("departement_code");--> statement-breakpoint
CREATE INDEX "departements_region_idx" ON "departements" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "skills_category_idx" ON "skills" USING btree ("category_code");--> statement-breakpoint
CREATE INDEX "email_tokens_user_idx" ON "email_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hourly_costs_unit_from_idx" ON "hourly_costs" USING btree ("business_unit_id","effective_from");--> statement-breakpoint
CREATE INDEX "hr_scopes_user_idx" ON "hr_scopes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));