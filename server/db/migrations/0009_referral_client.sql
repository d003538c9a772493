ALTER TABLE "case_referrals" ADD COLUMN "client_name" text;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD COLUMN "client_resident_id" uuid;--> statement-breakpoint
ALTER TABLE "case_referrals" ADD CONSTRAINT "case_referrals_client_resident_id_residents_id_fk" FOREIGN KEY ("client_resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;