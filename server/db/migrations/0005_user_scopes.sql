CREATE TABLE "user_scopes" (
	"user_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"restricted" boolean NOT NULL,
	CONSTRAINT "user_scopes_user_id_community_id_pk" PRIMARY KEY("user_id","community_id")
);
--> statement-breakpoint
ALTER TABLE "user_scopes" ADD CONSTRAINT "user_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scopes" ADD CONSTRAINT "user_scopes_community_id_org_units_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each user's scope: every 社区/村 below the units of their posts, and the communities an agency or
-- station (or any station below it) serves; the restricted right carries over from the post.
CREATE OR REPLACE FUNCTION rebuild_user_scopes() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- One rebuild at a time: a concurrent one waits and then sees this one's rows.
  PERFORM pg_advisory_xact_lock(70712016);
  DELETE FROM user_scopes;
  INSERT INTO user_scopes (user_id, community_id, restricted)
  WITH RECURSIVE sub AS (
    SELECT p.user_id, o.id, o.kind, p.can_view_restricted AS restricted
      FROM user_posts p JOIN org_units o ON o.id = p.org_unit_id
     WHERE o.archived_at IS NULL
    UNION ALL
    SELECT sub.user_id, c.id, c.kind, sub.restricted
      FROM org_units c JOIN sub ON c.parent_id = sub.id
     WHERE c.archived_at IS NULL
  )
  SELECT x.user_id, x.id, bool_or(x.restricted) FROM (
    SELECT user_id, id, restricted FROM sub WHERE kind IN ('community', 'village')
    UNION ALL
    SELECT sub.user_id, s.community_id, sub.restricted
      FROM sub JOIN org_unit_serves s ON s.unit_id = sub.id
      JOIN org_units c ON c.id = s.community_id AND c.archived_at IS NULL
  ) x GROUP BY x.user_id, x.id;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION user_scopes_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rebuild_user_scopes();
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER user_posts_scope AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_posts
  FOR EACH STATEMENT EXECUTE FUNCTION user_scopes_refresh();--> statement-breakpoint
CREATE TRIGGER org_units_scope AFTER INSERT OR UPDATE OF parent_id, kind, archived_at OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION user_scopes_refresh();--> statement-breakpoint
CREATE TRIGGER org_unit_serves_scope AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_unit_serves
  FOR EACH STATEMENT EXECUTE FUNCTION user_scopes_refresh();--> statement-breakpoint
SELECT rebuild_user_scopes();
