ALTER TABLE "audit_log" ADD COLUMN "restricted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A row about a restricted case (or a referral of one) is marked on insert, whoever writes it: the
-- system administrator's view of the log leaves such rows out entirely (audit.policy.ts).
CREATE OR REPLACE FUNCTION audit_log_mark_restricted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  IF NEW.restricted OR NEW.entity_id IS NULL
     OR NEW.entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
    RETURN NEW;
  END IF;
  target := NEW.entity_id::uuid;
  IF NEW.entity_type = 'case' THEN
    NEW.restricted := EXISTS (SELECT 1 FROM cases WHERE id = target AND restricted);
  ELSIF NEW.entity_type = 'referral' THEN
    NEW.restricted := EXISTS (
      SELECT 1 FROM case_referrals r JOIN cases c ON c.id IN (r.case_id, r.result_case_id)
       WHERE r.id = target AND c.restricted);
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_mark_restricted BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_mark_restricted();--> statement-breakpoint
-- Rows written before this migration are classified once, by the same rule. The append-only
-- trigger is lifted for this one statement only, inside the migration's transaction.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;--> statement-breakpoint
UPDATE audit_log a SET restricted = true
 WHERE a.entity_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
   AND ((a.entity_type = 'case' AND EXISTS (SELECT 1 FROM cases c WHERE c.id = a.entity_id::uuid AND c.restricted))
     OR (a.entity_type = 'referral' AND EXISTS (
           SELECT 1 FROM case_referrals r JOIN cases c ON c.id IN (r.case_id, r.result_case_id)
            WHERE r.id = a.entity_id::uuid AND c.restricted)));--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "recovery_codes_user_id_code_hash_pk" PRIMARY KEY("user_id","code_hash")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "second_factor_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A database the demo seed filled (its audit log says so) keeps its demo accounts usable with a
-- password alone, as a freshly seeded demo does; no other account is exempt.
UPDATE users SET second_factor_exempt = true
 WHERE username IN ('admin', 'shenji', 'jiedao', 'jigou', 'dudao', 'shegong1', 'shegong2', 'zhiyuan')
   AND EXISTS (SELECT 1 FROM audit_log WHERE action = 'system.seed_demo');
