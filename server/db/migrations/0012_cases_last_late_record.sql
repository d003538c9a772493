ALTER TABLE "cases" ADD COLUMN "last_late_record_at" timestamp with time zone;--> statement-breakpoint
-- Every insert of service records (one by the app, or thousands by an import or seed) keeps the
-- case's latest late record time: one statement-level trigger, one update per case touched.
CREATE OR REPLACE FUNCTION cases_note_late_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases c SET last_late_record_at = greatest(c.last_late_record_at, n.latest)
    FROM (SELECT case_id, max(created_at) AS latest FROM new_records WHERE late GROUP BY case_id) n
   WHERE c.id = n.case_id AND c.last_late_record_at IS DISTINCT FROM greatest(c.last_late_record_at, n.latest);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER case_records_note_late AFTER INSERT ON case_records
  REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION cases_note_late_records();--> statement-breakpoint
UPDATE cases c SET last_late_record_at = l.latest
  FROM (SELECT case_id, max(created_at) AS latest FROM case_records WHERE late GROUP BY case_id) l
 WHERE c.id = l.case_id;--> statement-breakpoint
CREATE INDEX "cases_supervisor_late_idx" ON "cases" USING btree ("supervisor_user_id","last_late_record_at") WHERE "cases"."last_late_record_at" is not null;
