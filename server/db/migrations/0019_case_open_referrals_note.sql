ALTER TABLE "cases" ADD COLUMN "open_referrals_note" text;
