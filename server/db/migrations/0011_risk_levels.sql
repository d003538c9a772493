CREATE TABLE "risk_levels" (
	"code" text PRIMARY KEY NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"contact_days" integer NOT NULL,
	"position" integer NOT NULL,
	"color" text DEFAULT 'default' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "risk_levels_contact_days_check" CHECK ("risk_levels"."contact_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "risk_levels" ADD CONSTRAINT "risk_levels_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The levels every deployment starts with (the former RISK_LEVELS defaults); 系统设置 changes them.
INSERT INTO "risk_levels" ("code", "zh", "en", "contact_days", "position", "color") VALUES
	('high', '高风险', 'High', 7, 0, 'red'),
	('medium', '中风险', 'Medium', 14, 1, 'orange'),
	('low', '低风险', 'Low', 30, 2, 'green');--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_risk_level_risk_levels_code_fk" FOREIGN KEY ("risk_level") REFERENCES "public"."risk_levels"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_risk_level_idx" ON "cases" USING btree ("risk_level");