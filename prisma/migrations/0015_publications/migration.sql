-- Publishing (decision 13): a manager signs off a closed month or financial-year quarter, and
-- the office's figures for it are frozen as they stood, with the "you said, we did" actions
-- marked for publishing. A revision is a new version of the period, never a change to an earlier
-- one. The CHECK constraints, which schema.prisma cannot express, are named sql_only_*.

-- One version of a period's published figures.
CREATE TABLE "publication" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "period_label" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "version" INTEGER NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" TEXT NOT NULL,
    "published_by_name" TEXT NOT NULL,
    "published_by_user_id" INTEGER,
    "data_as_of" TIMESTAMPTZ(3),
    "reason" TEXT,

    CONSTRAINT "publication_pkey" PRIMARY KEY ("id")
);

-- One standard's public figures in a publication, as the scorecard showed them for the office.
CREATE TABLE "publication_figure" (
    "publication_id" INTEGER NOT NULL,
    "standard_code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "n" INTEGER NOT NULL,
    "withheld" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "low_volume" BOOLEAN NOT NULL,
    "target_value" DOUBLE PRECISION,
    "target_tolerance" DOUBLE PRECISION,
    "target_words" TEXT NOT NULL,
    "ytd_start" DATE NOT NULL,
    "ytd_end" DATE NOT NULL,
    "ytd_value" DOUBLE PRECISION,
    "ytd_n" INTEGER NOT NULL,
    "ytd_withheld" BOOLEAN NOT NULL,
    "ytd_status" TEXT NOT NULL,
    "trend" JSONB NOT NULL,
    "revised" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "publication_figure_pkey" PRIMARY KEY ("publication_id","standard_code")
);

-- A published "you said, we did" action as it stood: public fields only (no team, no owner, no
-- comment text).
CREATE TABLE "publication_action" (
    "publication_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "action_id" INTEGER NOT NULL,
    "theme_name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_on" DATE,
    "completed_on" DATE,

    CONSTRAINT "publication_action_pkey" PRIMARY KEY ("publication_id","position")
);

CREATE INDEX "publication_period_end_idx" ON "publication"("period_end");
CREATE UNIQUE INDEX "publication_period_version_key" ON "publication"("period", "version");
ALTER TABLE "publication_figure" ADD CONSTRAINT "publication_figure_publication_id_fkey" FOREIGN KEY ("publication_id") REFERENCES "publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "publication_action" ADD CONSTRAINT "publication_action_publication_id_fkey" FOREIGN KEY ("publication_id") REFERENCES "publication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "publication"
  ADD CONSTRAINT "sql_only_publication_period" CHECK (
    "period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' OR "period" ~ '^[0-9]{4}-[0-9]{2}-Q[1-4]$'
  ),
  ADD CONSTRAINT "sql_only_publication_range" CHECK ("period_start" <= "period_end"),
  ADD CONSTRAINT "sql_only_publication_version" CHECK ("version" >= 1),
  -- A first publication has no reason; every revision says why it was made.
  ADD CONSTRAINT "sql_only_publication_reason" CHECK (
    CASE WHEN "version" = 1 THEN "reason" IS NULL
         ELSE "reason" IS NOT NULL AND char_length("reason") BETWEEN 1 AND 500
                AND "reason" = btrim("reason")
    END
  );
ALTER TABLE "publication_figure"
  ADD CONSTRAINT "sql_only_publication_figure_unit" CHECK ("unit" IN ('share', 'working_days')),
  ADD CONSTRAINT "sql_only_publication_figure_status" CHECK (
    "status" IN ('met', 'near', 'missed', 'no_data')
    AND "ytd_status" IN ('met', 'near', 'missed', 'no_data')
  ),
  ADD CONSTRAINT "sql_only_publication_figure_n" CHECK ("n" >= 0 AND "ytd_n" >= 0),
  -- A withheld figure reveals nothing: no value, no count, no status.
  ADD CONSTRAINT "sql_only_publication_figure_withheld" CHECK (
    (NOT "withheld" OR ("value" IS NULL AND "n" = 0 AND "status" = 'no_data'))
    AND (NOT "ytd_withheld" OR ("ytd_value" IS NULL AND "ytd_n" = 0 AND "ytd_status" = 'no_data'))
  ),
  ADD CONSTRAINT "sql_only_publication_figure_trend" CHECK (jsonb_typeof("trend") = 'array');
ALTER TABLE "publication_action"
  ADD CONSTRAINT "sql_only_publication_action_status" CHECK (
    "status" IN ('planned', 'in_progress', 'done')
  );

-- Append-only, like the audit trail (decision 10): the API's role is granted INSERT and SELECT
-- only (apps/api/src/db/roles.ts), and this trigger refuses UPDATE, DELETE and TRUNCATE for
-- everybody, the owner included, per statement and even with session_replication_role 'replica'.
CREATE FUNCTION publication_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'A publication is never changed: publish a revision (a new version) instead.';
END;
$$;

CREATE TRIGGER publication_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "publication"
  FOR EACH STATEMENT EXECUTE FUNCTION publication_append_only();
CREATE TRIGGER publication_figure_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "publication_figure"
  FOR EACH STATEMENT EXECUTE FUNCTION publication_append_only();
CREATE TRIGGER publication_action_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "publication_action"
  FOR EACH STATEMENT EXECUTE FUNCTION publication_append_only();

ALTER TABLE "publication" ENABLE ALWAYS TRIGGER publication_append_only;
ALTER TABLE "publication_figure" ENABLE ALWAYS TRIGGER publication_figure_append_only;
ALTER TABLE "publication_action" ENABLE ALWAYS TRIGGER publication_action_append_only;
