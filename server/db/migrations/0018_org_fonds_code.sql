ALTER TABLE "org_units" ADD COLUMN "fonds_code" text;--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_fonds_code_idx" ON "org_units" USING btree ("fonds_code") WHERE "org_units"."fonds_code" is not null;
