DROP INDEX "resident_tags_tag_idx";--> statement-breakpoint
CREATE INDEX "residents_active_scope_idx" ON "residents" USING btree ("community_id","name_pinyin","id","name") WHERE "residents"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "resident_tags_tag_idx" ON "resident_tags" USING btree ("tag","resident_id","start_date","end_date");