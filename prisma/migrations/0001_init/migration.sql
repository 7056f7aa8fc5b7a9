
-- CreateEnum
CREATE TYPE "standard_kind" AS ENUM ('timeliness', 'accuracy', 'satisfaction');

-- CreateEnum
CREATE TYPE "measure" AS ENUM ('within_threshold_share', 'percentile_turnaround', 'pass_rate', 'satisfied_share');

-- CreateEnum
CREATE TYPE "threshold_unit" AS ENUM ('seconds', 'working_days', 'calendar_days', 'calendar_months');

-- CreateEnum
CREATE TYPE "division" AS ENUM ('england_and_wales', 'scotland', 'northern_ireland');

-- CreateEnum
CREATE TYPE "closure_scope" AS ENUM ('england_and_wales', 'scotland', 'northern_ireland', 'organisation');

-- CreateEnum
CREATE TYPE "closure_source" AS ENUM ('date_holidays', 'govuk_import', 'admin');

-- CreateEnum
CREATE TYPE "channel" AS ENUM ('phone', 'email', 'post', 'online');

-- CreateEnum
CREATE TYPE "customer_group" AS ENUM ('individual', 'small_business', 'large_business', 'attorney');

-- CreateEnum
CREATE TYPE "feedback_type" AS ENUM ('compliment', 'complaint', 'suggestion', 'general');

-- CreateEnum
CREATE TYPE "import_kind" AS ENUM ('work_items', 'quality_checks', 'feedback');

-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('running', 'applied', 'rejected', 'failed');

-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('viewer', 'team_lead', 'manager', 'admin');

-- CreateEnum
CREATE TYPE "action_status" AS ENUM ('planned', 'in_progress', 'done');

-- CreateTable
CREATE TABLE "service" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "service_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "service_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_type" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,

    CONSTRAINT "work_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "standard" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "service_code" TEXT,
    "kind" "standard_kind" NOT NULL,
    "measure" "measure" NOT NULL,
    "threshold_value" INTEGER,
    "threshold_unit" "threshold_unit",
    "percentile" INTEGER,
    "division" "division" NOT NULL DEFAULT 'england_and_wales',
    "minimum_sample" INTEGER NOT NULL DEFAULT 30,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "standard_work_type" (
    "standard_id" INTEGER NOT NULL,
    "work_type_code" TEXT NOT NULL,

    CONSTRAINT "standard_work_type_pkey" PRIMARY KEY ("standard_id","work_type_code")
);

-- CreateTable
CREATE TABLE "target_version" (
    "id" SERIAL NOT NULL,
    "standard_id" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "target" DECIMAL(9,6) NOT NULL,
    "tolerance" DECIMAL(9,6) NOT NULL,
    "changed_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_item" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "source_ref" TEXT NOT NULL,
    "work_type_code" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,
    "team_id" INTEGER,
    "channel" "channel" NOT NULL,
    "customer_group" "customer_group" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "received_date" DATE NOT NULL,
    "completed_date" DATE,
    "elapsed_seconds" INTEGER,
    "elapsed_working_days" INTEGER,
    "elapsed_calendar_days" INTEGER,
    "within_threshold" BOOLEAN,
    "rules_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quality_check" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "source_ref" TEXT NOT NULL,
    "work_type_code" TEXT NOT NULL,
    "service_code" TEXT NOT NULL,
    "team_id" INTEGER,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "checked_date" DATE NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "error_category" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quality_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_response" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "source_ref" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_date" DATE NOT NULL,
    "service_code" TEXT NOT NULL,
    "team_id" INTEGER,
    "channel" "channel" NOT NULL,
    "customer_group" "customer_group" NOT NULL,
    "score" SMALLINT,
    "type" "feedback_type" NOT NULL,
    "comment" TEXT,
    "themes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sentiment" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "closure_day" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "scope" "closure_scope" NOT NULL,
    "reason" TEXT NOT NULL,
    "source" "closure_source" NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "closure_day_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batch" (
    "id" SERIAL NOT NULL,
    "kind" "import_kind" NOT NULL,
    "status" "import_status" NOT NULL,
    "source" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "rows_inserted" INTEGER NOT NULL DEFAULT 0,
    "rows_updated" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'viewer',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action" (
    "id" SERIAL NOT NULL,
    "theme_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "status" "action_status" NOT NULL DEFAULT 'planned',
    "started_on" DATE,
    "completed_on" DATE,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_service_code_name_key" ON "team"("service_code", "name");

-- CreateIndex
CREATE UNIQUE INDEX "standard_code_key" ON "standard"("code");

-- CreateIndex
CREATE INDEX "standard_work_type_work_type_code_idx" ON "standard_work_type"("work_type_code");

-- CreateIndex
CREATE UNIQUE INDEX "target_version_standard_id_effective_from_key" ON "target_version"("standard_id", "effective_from");

-- CreateIndex
CREATE INDEX "work_item_work_type_code_completed_date_idx" ON "work_item"("work_type_code", "completed_date");

-- CreateIndex
CREATE INDEX "work_item_work_type_code_received_date_idx" ON "work_item"("work_type_code", "received_date");

-- CreateIndex
CREATE INDEX "work_item_team_id_idx" ON "work_item"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_item_source_source_ref_key" ON "work_item"("source", "source_ref");

-- CreateIndex
CREATE INDEX "quality_check_work_type_code_checked_date_idx" ON "quality_check"("work_type_code", "checked_date");

-- CreateIndex
CREATE UNIQUE INDEX "quality_check_source_source_ref_key" ON "quality_check"("source", "source_ref");

-- CreateIndex
CREATE INDEX "feedback_response_submitted_date_idx" ON "feedback_response"("submitted_date");

-- CreateIndex
CREATE INDEX "feedback_response_service_code_submitted_date_idx" ON "feedback_response"("service_code", "submitted_date");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_response_source_source_ref_key" ON "feedback_response"("source", "source_ref");

-- CreateIndex
CREATE UNIQUE INDEX "closure_day_date_scope_key" ON "closure_day"("date", "scope");

-- CreateIndex
CREATE INDEX "import_batch_started_at_idx" ON "import_batch"("started_at");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_name_key" ON "api_token"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "audit_event_entity_entity_id_idx" ON "audit_event"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "action_theme_code_idx" ON "action"("theme_code");

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "service"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_type" ADD CONSTRAINT "work_type_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "service"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard" ADD CONSTRAINT "standard_service_code_fkey" FOREIGN KEY ("service_code") REFERENCES "service"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_work_type" ADD CONSTRAINT "standard_work_type_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_work_type" ADD CONSTRAINT "standard_work_type_work_type_code_fkey" FOREIGN KEY ("work_type_code") REFERENCES "work_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_version" ADD CONSTRAINT "target_version_standard_id_fkey" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_item" ADD CONSTRAINT "work_item_work_type_code_fkey" FOREIGN KEY ("work_type_code") REFERENCES "work_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_item" ADD CONSTRAINT "work_item_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quality_check" ADD CONSTRAINT "quality_check_work_type_code_fkey" FOREIGN KEY ("work_type_code") REFERENCES "work_type"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quality_check" ADD CONSTRAINT "quality_check_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_response" ADD CONSTRAINT "feedback_response_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

