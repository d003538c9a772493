ALTER TABLE "case_restricted_details" ADD COLUMN "report_date" date;--> statement-breakpoint
-- Hand-written: a drug-rehab term counts from the day the person reported (戒毒条例 第14条, 第37条),
-- which was not recorded before; the term dates stored so far were derived from the agreement date
-- and are cleared until the report date is entered. The agreement date itself is kept.
UPDATE "case_restricted_details" SET "term_start" = NULL, "term_end" = NULL
WHERE "case_id" IN (SELECT "id" FROM "cases" WHERE "kind" = 'drug_rehab');
