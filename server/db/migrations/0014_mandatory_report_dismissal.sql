DROP INDEX "mandatory_reports_open_idx";--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD COLUMN "dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD COLUMN "dismissed_by" uuid;--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD COLUMN "dismiss_reason" text;--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD CONSTRAINT "mandatory_reports_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mandatory_reports_open_idx" ON "mandatory_reports" USING btree ("case_id") WHERE "mandatory_reports"."reported_at" is null and "mandatory_reports"."dismissed_at" is null;--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD CONSTRAINT "mandatory_reports_one_outcome" CHECK ("mandatory_reports"."reported_at" is null or "mandatory_reports"."dismissed_at" is null);--> statement-breakpoint
ALTER TABLE "mandatory_reports" ADD CONSTRAINT "mandatory_reports_dismiss_reason" CHECK (("mandatory_reports"."dismissed_at" is null) = ("mandatory_reports"."dismiss_reason" is null));