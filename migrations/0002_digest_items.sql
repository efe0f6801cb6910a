CREATE TABLE "digest_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"event_id" bigint,
	"dedupe_key" text NOT NULL,
	"template" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"digest_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_items_channel_check" CHECK ("digest_items"."channel" in ('recommendations', 'activity'))
);
--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_items_dedupe_idx" ON "digest_items" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "digest_items_waiting_idx" ON "digest_items" USING btree ("user_id","created_at") WHERE "digest_items"."digest_key" is null;--> statement-breakpoint
CREATE INDEX "digest_items_digest_key_idx" ON "digest_items" USING btree ("digest_key");