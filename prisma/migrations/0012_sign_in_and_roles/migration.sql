-- Sign-in, roles, team scoping and the audit trail's context (decision 11). The CHECK
-- constraints, which schema.prisma cannot express, are named sql_only_*.

-- A user holds any number of roles, by the codes of packages/domain/src/access.ts (the CLI's
-- --role). The single-role enum of 0001 was never used.
ALTER TABLE "app_user" DROP COLUMN "role",
ADD COLUMN     "disabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "oidc_subject" TEXT,
ADD COLUMN     "password_hash" TEXT,
ADD COLUMN     "roles" TEXT[] DEFAULT ARRAY['viewer']::TEXT[],
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
DROP TYPE "user_role";
ALTER TABLE "app_user"
  ADD CONSTRAINT "sql_only_app_user_roles_known" CHECK (
    "roles" IS NOT NULL AND cardinality("roles") > 0
    AND "roles" <@ ARRAY['viewer', 'team-lead', 'manager', 'data-steward', 'admin']::TEXT[]
  ),
  ADD CONSTRAINT "sql_only_app_user_email_lower_case" CHECK ("email" = lower("email"));
CREATE UNIQUE INDEX "app_user_oidc_subject_key" ON "app_user"("oidc_subject");

-- The teams whose records and comments a team lead may see.
CREATE TABLE "app_user_team" (
    "user_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,

    CONSTRAINT "app_user_team_pkey" PRIMARY KEY ("user_id","team_id")
);
CREATE INDEX "app_user_team_team_id_idx" ON "app_user_team"("team_id");
ALTER TABLE "app_user_team" ADD CONSTRAINT "app_user_team_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "app_user_team" ADD CONSTRAINT "app_user_team_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Sessions live here, not in the cookie: the cookie holds a random token whose SHA-256 is the
-- id. `expires_at` is the absolute end; `last_seen_at` drives the idle timeout. No session was
-- ever made before this migration.
DELETE FROM "session";
ALTER TABLE "session" ADD COLUMN     "address" TEXT,
ADD COLUMN     "csrf_token" TEXT NOT NULL,
ADD COLUMN     "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "method" TEXT NOT NULL;
ALTER TABLE "session"
  ADD CONSTRAINT "sql_only_session_method_known" CHECK ("method" IN ('password', 'oidc', 'demo'));

-- Failed sign-ins, for throttling per account and per address (pruned as they age out).
CREATE TABLE "sign_in_failure" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,

    CONSTRAINT "sign_in_failure_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sign_in_failure_email_at_idx" ON "sign_in_failure"("email", "at");
CREATE INDEX "sign_in_failure_address_at_idx" ON "sign_in_failure"("address", "at");

-- A sign-in through the identity provider in progress: what its callback must check.
CREATE TABLE "oidc_login" (
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "return_to" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_login_pkey" PRIMARY KEY ("state")
);

-- Ingestion tokens carry what they may write and until when. Tokens made before this could
-- send every kind from any source; they keep that until revoked.
ALTER TABLE "api_token" ADD COLUMN     "created_by" TEXT NOT NULL DEFAULT 'before sign-in',
ADD COLUMN     "expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "kinds" TEXT[] DEFAULT ARRAY['work-items', 'quality-checks', 'feedback']::TEXT[],
ADD COLUMN     "source" TEXT;
ALTER TABLE "api_token" ALTER COLUMN "created_by" DROP DEFAULT, ALTER COLUMN "kinds" DROP DEFAULT;
ALTER TABLE "api_token"
  ADD CONSTRAINT "sql_only_api_token_kinds_known" CHECK (
    "kinds" IS NOT NULL AND cardinality("kinds") > 0
    AND "kinds" <@ ARRAY['work-items', 'quality-checks', 'feedback']::TEXT[]
  );

-- Who did it, from where, in which request.
ALTER TABLE "audit_event" ADD COLUMN     "address" TEXT,
ADD COLUMN     "request_id" TEXT;
CREATE INDEX "audit_event_actor_at_idx" ON "audit_event"("actor", "at");
CREATE INDEX "audit_event_action_at_idx" ON "audit_event"("action", "at");

-- The team that recorded an action: team leads record actions for their own teams only.
ALTER TABLE "action" ADD COLUMN     "team_id" INTEGER;
CREATE INDEX "action_team_id_idx" ON "action"("team_id");
ALTER TABLE "action" ADD CONSTRAINT "action_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
