ALTER TABLE "cases" ADD COLUMN "closure_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "end_note" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_closure_requested_by_users_id_fk" FOREIGN KEY ("closure_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
