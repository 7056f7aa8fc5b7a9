-- CreateTable
CREATE TABLE "derivation_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "rules_version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "derivation_state_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recalculation_job" (
    "id" SERIAL NOT NULL,
    "reason" TEXT NOT NULL,
    "rules_version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "recalculation_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_item_day_turnaround" (
    "work_type_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "elapsed_working_days" INTEGER NOT NULL,
    "within_threshold" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "work_item_day_turnaround_pkey" PRIMARY KEY ("work_type_code","day","elapsed_working_days","within_threshold")
);

-- CreateTable
CREATE TABLE "work_item_day_group" (
    "work_type_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "team_id" INTEGER NOT NULL,
    "channel" "channel" NOT NULL,
    "customer_group" "customer_group" NOT NULL,
    "within_threshold" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,
    "sum_working_days" BIGINT NOT NULL,

    CONSTRAINT "work_item_day_group_pkey" PRIMARY KEY ("work_type_code","day","team_id","channel","customer_group","within_threshold")
);

-- CreateTable
CREATE TABLE "quality_check_day" (
    "work_type_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "quality_check_day_pkey" PRIMARY KEY ("work_type_code","day","passed")
);

-- CreateTable
CREATE TABLE "feedback_day" (
    "day" DATE NOT NULL,
    "score" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "feedback_day_pkey" PRIMARY KEY ("day","score")
);

-- CreateTable
CREATE TABLE "data_freshness" (
    "kind" TEXT NOT NULL,
    "work_type_code" TEXT NOT NULL,
    "last_changed_at" TIMESTAMPTZ(3) NOT NULL,
    "latest_event_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_freshness_pkey" PRIMARY KEY ("kind","work_type_code")
);

-- CreateIndex
CREATE INDEX "recalculation_job_status_idx" ON "recalculation_job"("status");


-- The rules version starts at 1 (what the demo seed and first imports compute under).
INSERT INTO "derivation_state" ("id", "rules_version") VALUES (1, 1);

-- ---------------------------------------------------------------------------------------------
-- Rollups kept exact by statement-level triggers. Each trigger aggregates the statement's
-- transition table (all rows the statement touched) once, so a COPY of a million rows costs one
-- grouped upsert, not a million row triggers. Updates subtract the old rows and add the new ones.
-- Rows are upserted in key order so concurrent writers take row locks in the same order.

CREATE FUNCTION work_item_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO work_item_day_turnaround AS r (work_type_code, day, elapsed_working_days, within_threshold, n)
    SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false), -count(*)
      FROM old_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, day, elapsed_working_days, within_threshold)
      DO UPDATE SET n = r.n + EXCLUDED.n;
    INSERT INTO work_item_day_group AS r (work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days)
    SELECT work_type_code, completed_date, coalesce(team_id, 0), channel, customer_group, coalesce(within_threshold, false),
           -count(*), -sum(elapsed_working_days)
      FROM old_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (work_type_code, day, team_id, channel, customer_group, within_threshold)
      DO UPDATE SET n = r.n + EXCLUDED.n, sum_working_days = r.sum_working_days + EXCLUDED.sum_working_days;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO work_item_day_turnaround AS r (work_type_code, day, elapsed_working_days, within_threshold, n)
    SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false), count(*)
      FROM new_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, day, elapsed_working_days, within_threshold)
      DO UPDATE SET n = r.n + EXCLUDED.n;
    INSERT INTO work_item_day_group AS r (work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days)
    SELECT work_type_code, completed_date, coalesce(team_id, 0), channel, customer_group, coalesce(within_threshold, false),
           count(*), sum(elapsed_working_days)
      FROM new_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (work_type_code, day, team_id, channel, customer_group, within_threshold)
      DO UPDATE SET n = r.n + EXCLUDED.n, sum_working_days = r.sum_working_days + EXCLUDED.sum_working_days;
    INSERT INTO data_freshness AS f (kind, work_type_code, last_changed_at, latest_event_at)
    SELECT 'work_items', work_type_code, now(), max(coalesce(completed_at, received_at))
      FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (kind, work_type_code) DO UPDATE
      SET last_changed_at = EXCLUDED.last_changed_at,
          latest_event_at = greatest(f.latest_event_at, EXCLUDED.latest_event_at);
  END IF;
  -- Groups that emptied out are removed (only days the statement touched), so a rollup never
  -- holds zero rows.
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM work_item_day_turnaround r
     USING (SELECT DISTINCT work_type_code, completed_date FROM old_rows WHERE completed_date IS NOT NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.completed_date AND r.n = 0;
    DELETE FROM work_item_day_group r
     USING (SELECT DISTINCT work_type_code, completed_date FROM old_rows WHERE completed_date IS NOT NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.completed_date AND r.n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER work_item_rollup_insert AFTER INSERT ON work_item
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollup();
CREATE TRIGGER work_item_rollup_update AFTER UPDATE ON work_item
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollup();
CREATE TRIGGER work_item_rollup_delete AFTER DELETE ON work_item
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_rollup();

CREATE FUNCTION quality_check_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO quality_check_day AS r (work_type_code, day, passed, n)
    SELECT work_type_code, checked_date, passed, -count(*) FROM old_rows
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (work_type_code, day, passed) DO UPDATE SET n = r.n + EXCLUDED.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO quality_check_day AS r (work_type_code, day, passed, n)
    SELECT work_type_code, checked_date, passed, count(*) FROM new_rows
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (work_type_code, day, passed) DO UPDATE SET n = r.n + EXCLUDED.n;
    INSERT INTO data_freshness AS f (kind, work_type_code, last_changed_at, latest_event_at)
    SELECT 'quality_checks', work_type_code, now(), max(checked_at) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (kind, work_type_code) DO UPDATE
      SET last_changed_at = EXCLUDED.last_changed_at,
          latest_event_at = greatest(f.latest_event_at, EXCLUDED.latest_event_at);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM quality_check_day r
     USING (SELECT DISTINCT work_type_code, checked_date FROM old_rows) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.checked_date AND r.n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER quality_check_rollup_insert AFTER INSERT ON quality_check
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_rollup();
CREATE TRIGGER quality_check_rollup_update AFTER UPDATE ON quality_check
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_rollup();
CREATE TRIGGER quality_check_rollup_delete AFTER DELETE ON quality_check
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_rollup();

CREATE FUNCTION feedback_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO feedback_day AS r (day, score, n)
    SELECT submitted_date, coalesce(score, 0), -count(*) FROM old_rows
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, score) DO UPDATE SET n = r.n + EXCLUDED.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO feedback_day AS r (day, score, n)
    SELECT submitted_date, coalesce(score, 0), count(*) FROM new_rows
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, score) DO UPDATE SET n = r.n + EXCLUDED.n;
    INSERT INTO data_freshness AS f (kind, work_type_code, last_changed_at, latest_event_at)
    SELECT 'feedback', '', now(), max(submitted_at) FROM new_rows HAVING count(*) > 0
    ON CONFLICT (kind, work_type_code) DO UPDATE
      SET last_changed_at = EXCLUDED.last_changed_at,
          latest_event_at = greatest(f.latest_event_at, EXCLUDED.latest_event_at);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM feedback_day r USING (SELECT DISTINCT submitted_date FROM old_rows) k
     WHERE r.day = k.submitted_date AND r.n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER feedback_rollup_insert AFTER INSERT ON feedback_response
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feedback_rollup();
CREATE TRIGGER feedback_rollup_update AFTER UPDATE ON feedback_response
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feedback_rollup();
CREATE TRIGGER feedback_rollup_delete AFTER DELETE ON feedback_response
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION feedback_rollup();

-- TRUNCATE has no transition table: emptying a raw table empties its rollups.
CREATE FUNCTION rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'work_item' THEN
    TRUNCATE work_item_day_turnaround, work_item_day_group;
    DELETE FROM data_freshness WHERE kind = 'work_items';
  ELSIF TG_TABLE_NAME = 'quality_check' THEN
    TRUNCATE quality_check_day;
    DELETE FROM data_freshness WHERE kind = 'quality_checks';
  ELSIF TG_TABLE_NAME = 'feedback_response' THEN
    TRUNCATE feedback_day;
    DELETE FROM data_freshness WHERE kind = 'feedback';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER work_item_rollup_truncate AFTER TRUNCATE ON work_item
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_truncate();
CREATE TRIGGER quality_check_rollup_truncate AFTER TRUNCATE ON quality_check
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_truncate();
CREATE TRIGGER feedback_rollup_truncate AFTER TRUNCATE ON feedback_response
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_truncate();

-- Bring the rollups up to date with rows written before this migration.
INSERT INTO work_item_day_turnaround (work_type_code, day, elapsed_working_days, within_threshold, n)
SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false), count(*)
  FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO work_item_day_group (work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days)
SELECT work_type_code, completed_date, coalesce(team_id, 0), channel, customer_group, coalesce(within_threshold, false),
       count(*), sum(elapsed_working_days)
  FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO quality_check_day (work_type_code, day, passed, n)
SELECT work_type_code, checked_date, passed, count(*) FROM quality_check GROUP BY 1, 2, 3;
INSERT INTO feedback_day (day, score, n)
SELECT submitted_date, coalesce(score, 0), count(*) FROM feedback_response GROUP BY 1, 2;
INSERT INTO data_freshness (kind, work_type_code, last_changed_at, latest_event_at)
SELECT 'work_items', work_type_code, max(updated_at), max(coalesce(completed_at, received_at)) FROM work_item GROUP BY 2
UNION ALL
SELECT 'quality_checks', work_type_code, max(updated_at), max(checked_at) FROM quality_check GROUP BY 2
UNION ALL
SELECT 'feedback', '', max(updated_at), max(submitted_at) FROM feedback_response HAVING count(*) > 0;
