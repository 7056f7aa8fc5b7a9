-- ---------------------------------------------------------------------------------------------
-- Rollups for the scorecard's backlog and its team figures (decision 12).
--
-- A scorecard not computed before read, at ten times the IPO's volumes, the open items from the
-- raw rows (about 70,000 of them, 100-500 ms) and, with a team, every completed item and quality
-- check of the team's work types from the raw rows (percentiles by team: 4-12 s). Three rollups,
-- kept exact by statement-level triggers like the others (decision 5), answer those exactly:
--
-- - work_item_open_day: open items (completed_date IS NULL) per work type, team and London date
--   of receipt. Open items are late or not by their day of receipt for thresholds in working
--   days, calendar days and calendar months; second-based thresholds count the raw rows (the
--   open items of those work types only, through sql_only_work_item_open).
-- - work_item_month_team_turnaround: the monthly turnaround histogram per team, so a team's
--   percentiles are exact, and its shares come from the same rows.
-- - quality_check_month_team: quality checks per work type, team and month.
--
-- Teams are 0 for rows without one, as in work_item_day_group. The work-item triggers are new
-- and separate from work_item_rollup(). An import that defers its rollups (decision 9) adds the
-- monthly team histogram to the deltas it folds once, at the end; open items are few, so they
-- are kept per statement by every writer.

CREATE TABLE "work_item_open_day" (
    "work_type_code" TEXT NOT NULL,
    "team_id" INTEGER NOT NULL,
    "received_date" DATE NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "work_item_open_day_pkey" PRIMARY KEY ("work_type_code","team_id","received_date")
);

CREATE TABLE "work_item_month_team_turnaround" (
    "work_type_code" TEXT NOT NULL,
    "team_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "elapsed_working_days" INTEGER NOT NULL,
    "within_threshold" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "work_item_month_team_turnaround_pkey" PRIMARY KEY ("work_type_code","team_id","month","elapsed_working_days","within_threshold")
);

CREATE TABLE "quality_check_month_team" (
    "work_type_code" TEXT NOT NULL,
    "team_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "quality_check_month_team_pkey" PRIMARY KEY ("work_type_code","team_id","month","passed")
);

-- Each statement's rows are taken once as +1 (new rows) and -1 (old rows), and only the groups
-- whose count changes are written: an update that leaves an item in its group (a recalculation
-- of a completed item, for the open items) writes nothing. Groups are upserted in key order, so
-- concurrent writers lock rollup rows in the same order; groups brought to zero are removed
-- (only removals can bring a group to zero, so only the old rows' groups are looked at).
CREATE FUNCTION work_item_scorecard_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS d FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS d FROM old_rows'
    ELSE 'SELECT *, -1 AS d FROM old_rows UNION ALL SELECT *, 1 AS d FROM new_rows'
  END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO work_item_open_day AS r (work_type_code, team_id, received_date, n)
    SELECT work_type_code, coalesce(team_id, 0), received_date, sum(d)::int
      FROM (%s) c WHERE completed_date IS NULL
     GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (work_type_code, team_id, received_date) DO UPDATE SET n = r.n + EXCLUDED.n
  $sql$, changes);
  -- An import that defers its rollups folds this one from its deltas (apply_work_item_rollup_deltas).
  IF current_setting('ipo.defer_work_item_rollups', true) IS DISTINCT FROM 'on' THEN
    EXECUTE format($sql$
      INSERT INTO work_item_month_team_turnaround AS r
        (work_type_code, team_id, month, elapsed_working_days, within_threshold, n)
      SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', completed_date::timestamp)::date,
             elapsed_working_days, coalesce(within_threshold, false), sum(d)::int
        FROM (%s) c WHERE completed_date IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (work_type_code, team_id, month, elapsed_working_days, within_threshold)
        DO UPDATE SET n = r.n + EXCLUDED.n
    $sql$, changes);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM work_item_open_day r
     USING (SELECT DISTINCT work_type_code, coalesce(team_id, 0) AS team_id, received_date
              FROM old_rows WHERE completed_date IS NULL) k
     WHERE r.work_type_code = k.work_type_code AND r.team_id = k.team_id
       AND r.received_date = k.received_date AND r.n = 0;
    IF current_setting('ipo.defer_work_item_rollups', true) IS DISTINCT FROM 'on' THEN
      DELETE FROM work_item_month_team_turnaround r
       USING (SELECT DISTINCT work_type_code, coalesce(team_id, 0) AS team_id,
                     date_trunc('month', completed_date::timestamp)::date AS month
                FROM old_rows WHERE completed_date IS NOT NULL) k
       WHERE r.work_type_code = k.work_type_code AND r.team_id = k.team_id
         AND r.month = k.month AND r.n = 0;
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER work_item_scorecard_rollup_insert AFTER INSERT ON work_item
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_scorecard_rollup();
CREATE TRIGGER work_item_scorecard_rollup_update AFTER UPDATE ON work_item
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_scorecard_rollup();
CREATE TRIGGER work_item_scorecard_rollup_delete AFTER DELETE ON work_item
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_item_scorecard_rollup();

CREATE FUNCTION quality_check_team_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS d FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS d FROM old_rows'
    ELSE 'SELECT *, -1 AS d FROM old_rows UNION ALL SELECT *, 1 AS d FROM new_rows'
  END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO quality_check_month_team AS r (work_type_code, team_id, month, passed, n)
    SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', checked_date::timestamp)::date,
           passed, sum(d)::int
      FROM (%s) c
     GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (work_type_code, team_id, month, passed) DO UPDATE SET n = r.n + EXCLUDED.n
  $sql$, changes);
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM quality_check_month_team r
     USING (SELECT DISTINCT work_type_code, coalesce(team_id, 0) AS team_id,
                   date_trunc('month', checked_date::timestamp)::date AS month FROM old_rows) k
     WHERE r.work_type_code = k.work_type_code AND r.team_id = k.team_id
       AND r.month = k.month AND r.n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER quality_check_team_rollup_insert AFTER INSERT ON quality_check
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_team_rollup();
CREATE TRIGGER quality_check_team_rollup_update AFTER UPDATE ON quality_check
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_team_rollup();
CREATE TRIGGER quality_check_team_rollup_delete AFTER DELETE ON quality_check
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quality_check_team_rollup();

-- TRUNCATE has no transition table: emptying a raw table empties these rollups too.
CREATE FUNCTION scorecard_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'work_item' THEN
    TRUNCATE work_item_open_day, work_item_month_team_turnaround;
  ELSIF TG_TABLE_NAME = 'quality_check' THEN
    TRUNCATE quality_check_month_team;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER work_item_scorecard_rollup_truncate AFTER TRUNCATE ON work_item
  FOR EACH STATEMENT EXECUTE FUNCTION scorecard_rollup_truncate();
CREATE TRIGGER quality_check_team_rollup_truncate AFTER TRUNCATE ON quality_check
  FOR EACH STATEMENT EXECUTE FUNCTION scorecard_rollup_truncate();

-- The fold of a deferring import (migration 0010), with the monthly team histogram folded the
-- same way as the other rollups: summed once from the deltas, one MERGE joined by the size rule.
CREATE OR REPLACE FUNCTION apply_work_item_rollup_deltas() RETURNS void LANGUAGE plpgsql
  SET enable_nestloop = on SET enable_hashjoin = on SET enable_mergejoin = on SET enable_seqscan = on
AS $$
BEGIN
  IF (SELECT count(*) FROM pg_temp.work_item_rollup_delta) < 10000 THEN
    PERFORM set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
            set_config('enable_seqscan', 'off', true);
  ELSE
    PERFORM set_config('enable_nestloop', 'off', true);
  END IF;

  CREATE TEMP TABLE work_item_rollup_delta_turnaround ON COMMIT DROP AS
  SELECT work_type_code, day, elapsed_working_days, within_threshold, sum(n)::int AS n
    FROM pg_temp.work_item_rollup_delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  EXECUTE $sql$
  MERGE INTO work_item_day_turnaround r
  USING pg_temp.work_item_rollup_delta_turnaround d
     ON r.work_type_code = d.work_type_code AND r.day = d.day
    AND r.elapsed_working_days = d.elapsed_working_days AND r.within_threshold = d.within_threshold
   WHEN MATCHED AND r.n + d.n = 0 THEN DELETE
   WHEN MATCHED THEN UPDATE SET n = r.n + d.n
   WHEN NOT MATCHED THEN
     INSERT (work_type_code, day, elapsed_working_days, within_threshold, n)
     VALUES (d.work_type_code, d.day, d.elapsed_working_days, d.within_threshold, d.n)
  $sql$;

  CREATE TEMP TABLE work_item_rollup_delta_month ON COMMIT DROP AS
  SELECT work_type_code, date_trunc('month', day::timestamp)::date AS month, elapsed_working_days,
         within_threshold, sum(n)::int AS n
    FROM pg_temp.work_item_rollup_delta_turnaround GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  EXECUTE $sql$
  MERGE INTO work_item_month_turnaround r
  USING pg_temp.work_item_rollup_delta_month d
     ON r.work_type_code = d.work_type_code AND r.month = d.month
    AND r.elapsed_working_days = d.elapsed_working_days AND r.within_threshold = d.within_threshold
   WHEN MATCHED AND r.n + d.n = 0 THEN DELETE
   WHEN MATCHED THEN UPDATE SET n = r.n + d.n
   WHEN NOT MATCHED THEN
     INSERT (work_type_code, month, elapsed_working_days, within_threshold, n)
     VALUES (d.work_type_code, d.month, d.elapsed_working_days, d.within_threshold, d.n)
  $sql$;

  CREATE TEMP TABLE work_item_rollup_delta_month_team ON COMMIT DROP AS
  SELECT work_type_code, team_id, date_trunc('month', day::timestamp)::date AS month,
         elapsed_working_days, within_threshold, sum(n)::int AS n
    FROM pg_temp.work_item_rollup_delta GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
  EXECUTE $sql$
  MERGE INTO work_item_month_team_turnaround r
  USING pg_temp.work_item_rollup_delta_month_team d
     ON r.work_type_code = d.work_type_code AND r.team_id = d.team_id AND r.month = d.month
    AND r.elapsed_working_days = d.elapsed_working_days AND r.within_threshold = d.within_threshold
   WHEN MATCHED AND r.n + d.n = 0 THEN DELETE
   WHEN MATCHED THEN UPDATE SET n = r.n + d.n
   WHEN NOT MATCHED THEN
     INSERT (work_type_code, team_id, month, elapsed_working_days, within_threshold, n)
     VALUES (d.work_type_code, d.team_id, d.month, d.elapsed_working_days, d.within_threshold, d.n)
  $sql$;

  CREATE TEMP TABLE work_item_rollup_delta_group ON COMMIT DROP AS
  SELECT work_type_code, day, team_id, channel, customer_group, within_threshold, sum(n)::int AS n,
         sum(working_days) AS sum_working_days
    FROM pg_temp.work_item_rollup_delta GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(n) <> 0 OR sum(working_days) <> 0;
  EXECUTE $sql$
  MERGE INTO work_item_day_group r
  USING pg_temp.work_item_rollup_delta_group d
     ON r.work_type_code = d.work_type_code AND r.day = d.day AND r.team_id = d.team_id
    AND r.channel = d.channel AND r.customer_group = d.customer_group
    AND r.within_threshold = d.within_threshold
   WHEN MATCHED AND r.n + d.n = 0 THEN DELETE
   WHEN MATCHED THEN
     UPDATE SET n = r.n + d.n, sum_working_days = r.sum_working_days + d.sum_working_days
   WHEN NOT MATCHED THEN
     INSERT (work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days)
     VALUES (d.work_type_code, d.day, d.team_id, d.channel, d.customer_group, d.within_threshold,
             d.n, d.sum_working_days)
  $sql$;

  DROP TABLE pg_temp.work_item_rollup_delta_turnaround, pg_temp.work_item_rollup_delta_month,
    pg_temp.work_item_rollup_delta_month_team, pg_temp.work_item_rollup_delta_group;
  TRUNCATE pg_temp.work_item_rollup_delta;
END $$;

-- Bring the new rollups up to date with the rows already written.
INSERT INTO work_item_open_day (work_type_code, team_id, received_date, n)
SELECT work_type_code, coalesce(team_id, 0), received_date, count(*)
  FROM work_item WHERE completed_date IS NULL GROUP BY 1, 2, 3;
INSERT INTO work_item_month_team_turnaround
  (work_type_code, team_id, month, elapsed_working_days, within_threshold, n)
SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', completed_date::timestamp)::date,
       elapsed_working_days, coalesce(within_threshold, false), count(*)
  FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
INSERT INTO quality_check_month_team (work_type_code, team_id, month, passed, n)
SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', checked_date::timestamp)::date,
       passed, count(*)
  FROM quality_check GROUP BY 1, 2, 3, 4;
