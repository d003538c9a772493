DROP INDEX "cases_supervisor_idx";--> statement-breakpoint
CREATE INDEX "cases_supervisor_idx" ON "cases" USING btree ("supervisor_user_id","status","updated_at");