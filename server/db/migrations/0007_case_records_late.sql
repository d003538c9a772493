DROP INDEX "case_records_late_idx";--> statement-breakpoint
CREATE INDEX "case_records_case_late_idx" ON "case_records" USING btree ("case_id","created_at") WHERE "case_records"."late";