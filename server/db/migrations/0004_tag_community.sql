ALTER TABLE "resident_tags" ADD COLUMN "community_id" uuid;--> statement-breakpoint
UPDATE "resident_tags" t SET "community_id" = r."community_id" FROM "residents" r WHERE r."id" = t."resident_id";--> statement-breakpoint
ALTER TABLE "resident_tags" ALTER COLUMN "community_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "resident_tags" ADD CONSTRAINT "resident_tags_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_tags_community_tag_idx" ON "resident_tags" USING btree ("community_id","tag","resident_id","start_date","end_date");
