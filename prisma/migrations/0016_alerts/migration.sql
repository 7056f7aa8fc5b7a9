-- Alerts, subscriptions, notifications and their e-mail deliveries (issue 17, decision 14). The
-- CHECK constraints, which schema.prisma cannot express, are named sql_only_*. The job queue
-- (pg-boss) keeps its own tables in the schema pgboss, created at start-up by the owner role
-- (apps/api/src/alerts/queue-setup.ts), not here.

-- CreateTable
CREATE TABLE "alert" (
    "id" SERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "standard_code" TEXT,
    "team_id" INTEGER,
    "period" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_subscription" (
    "user_id" INTEGER NOT NULL,
    "rules" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "all_standards" BOOLEAN NOT NULL DEFAULT true,
    "standard_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "all_teams" BOOLEAN NOT NULL DEFAULT false,
    "team_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "frequency" TEXT NOT NULL DEFAULT 'immediate',
    "email" BOOLEAN NOT NULL DEFAULT true,
    "in_app" BOOLEAN NOT NULL DEFAULT true,
    "monthly_report" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_subscription_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "alert_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "sentence" TEXT NOT NULL,
    "in_app" BOOLEAN NOT NULL,
    "email" BOOLEAN NOT NULL,
    "delivery_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "kind" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "transport" TEXT,
    "period" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "alert_cleared_at_ended_at_idx" ON "alert"("cleared_at", "ended_at");

CREATE UNIQUE INDEX "alert_rule_subject_period_key" ON "alert"("rule", "subject", "period");

CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at");

CREATE INDEX "notification_delivery_id_idx" ON "notification"("delivery_id");

CREATE UNIQUE INDEX "notification_user_id_alert_id_event_key" ON "notification"("user_id", "alert_id", "event");

CREATE INDEX "alert_delivery_status_updated_at_idx" ON "alert_delivery"("status", "updated_at");

CREATE UNIQUE INDEX "alert_delivery_key_channel_key" ON "alert_delivery"("key", "channel");


ALTER TABLE "alert_subscription" ADD CONSTRAINT "alert_subscription_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notification" ADD CONSTRAINT "notification_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notification" ADD CONSTRAINT "notification_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "alert_delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE "alert"
  ADD CONSTRAINT "sql_only_alert_rule" CHECK (
    "rule" IN ('missed', 'at_risk', 'stale_source', 'satisfaction_below', 'theme_rising')
  );
ALTER TABLE "alert_subscription"
  ADD CONSTRAINT "sql_only_alert_subscription_frequency" CHECK (
    "frequency" IN ('immediate', 'daily', 'weekly')
  ),
  ADD CONSTRAINT "sql_only_alert_subscription_rules" CHECK (
    "rules" <@ ARRAY['missed', 'at_risk', 'stale_source', 'satisfaction_below', 'theme_rising']::text[]
  );
ALTER TABLE "notification"
  ADD CONSTRAINT "sql_only_notification_event" CHECK ("event" IN ('opened', 'cleared'));
ALTER TABLE "alert_delivery"
  ADD CONSTRAINT "sql_only_alert_delivery_status" CHECK (
    "status" IN ('pending', 'sending', 'sent', 'failed')
  ),
  ADD CONSTRAINT "sql_only_alert_delivery_kind" CHECK ("kind" IN ('alert', 'digest', 'report')),
  ADD CONSTRAINT "sql_only_alert_delivery_channel" CHECK ("channel" IN ('email'));
