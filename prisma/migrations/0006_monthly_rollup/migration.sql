-- AlterTable
ALTER TABLE "derivation_state" ADD COLUMN "data_version" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "work_item_month_turnaround" (
    "work_type_code" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "elapsed_working_days" INTEGER NOT NULL,
    "within_threshold" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "work_item_month_turnaround_pkey" PRIMARY KEY ("work_type_code","month","elapsed_working_days","within_threshold")
);

-- ---------------------------------------------------------------------------------------------
-- The data version: every statement that changes measured rows, targets or standards bumps it,
-- FIRST, before touching any rollup row. Cached figures compare it to know when they are stale.
-- Taking this one row lock first also gives every writer the same lock order (version row, then
-- rollup rows), so concurrent writers queue instead of deadlocking.
CREATE FUNCTION bump_data_version() RETURNS void LANGUAGE sql AS $$
  UPDATE derivation_state SET data_version = data_version + 1, updated_at = now() WHERE id = 1;
$$;

CREATE FUNCTION data_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_data_version();
  RETURN NULL;
END $$;

CREATE TRIGGER target_version_data_version AFTER INSERT OR UPDATE OR DELETE ON target_version
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();
CREATE TRIGGER standard_data_version AFTER INSERT OR UPDATE OR DELETE ON standard
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();
CREATE TRIGGER closure_day_data_version AFTER INSERT OR UPDATE OR DELETE ON closure_day
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();

-- Work items: as in 0002, plus the monthly histogram, with the version bumped first.
CREATE OR REPLACE FUNCTION work_item_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_data_version();
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO work_item_day_turnaround AS r (work_type_code, day, elapsed_working_days, within_threshold, n)
    SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false), -count(*)
      FROM old_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, day, elapsed_working_days, within_threshold)
      DO UPDATE SET n = r.n + EXCLUDED.n;
    INSERT INTO work_item_month_turnaround AS r (work_type_code, month, elapsed_working_days, within_threshold, n)
    SELECT work_type_code, date_trunc('month', completed_date::timestamp)::date, elapsed_working_days,
           coalesce(within_threshold, false), -count(*)
      FROM old_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, month, elapsed_working_days, within_threshold)
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
    INSERT INTO work_item_month_turnaround AS r (work_type_code, month, elapsed_working_days, within_threshold, n)
    SELECT work_type_code, date_trunc('month', completed_date::timestamp)::date, elapsed_working_days,
           coalesce(within_threshold, false), count(*)
      FROM new_rows WHERE completed_date IS NOT NULL
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, month, elapsed_working_days, within_threshold)
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
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM work_item_day_turnaround r
     USING (SELECT DISTINCT work_type_code, completed_date FROM old_rows WHERE completed_date IS NOT NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.completed_date AND r.n = 0;
    DELETE FROM work_item_month_turnaround r
     USING (SELECT DISTINCT work_type_code, date_trunc('month', completed_date::timestamp)::date AS month
              FROM old_rows WHERE completed_date IS NOT NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.month = k.month AND r.n = 0;
    DELETE FROM work_item_day_group r
     USING (SELECT DISTINCT work_type_code, completed_date FROM old_rows WHERE completed_date IS NOT NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.completed_date AND r.n = 0;
  END IF;
  RETURN NULL;
END $$;

-- Quality checks, feedback and truncates: bump the version first (triggers on the same event
-- fire in name order, and 'a_' sorts before 'rollup_').
CREATE TRIGGER quality_check_a_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON quality_check
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();
CREATE TRIGGER feedback_a_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feedback_response
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();
CREATE TRIGGER work_item_a_data_version AFTER TRUNCATE ON work_item
  FOR EACH STATEMENT EXECUTE FUNCTION data_version_changed();

CREATE OR REPLACE FUNCTION rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'work_item' THEN
    TRUNCATE work_item_day_turnaround, work_item_month_turnaround, work_item_day_group;
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

-- Backfill the monthly histogram from the daily one.
INSERT INTO work_item_month_turnaround (work_type_code, month, elapsed_working_days, within_threshold, n)
SELECT work_type_code, date_trunc('month', day::timestamp)::date, elapsed_working_days, within_threshold, sum(n)
  FROM work_item_day_turnaround GROUP BY 1, 2, 3, 4;
