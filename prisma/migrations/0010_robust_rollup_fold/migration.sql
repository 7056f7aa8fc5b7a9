-- ---------------------------------------------------------------------------------------------
-- Folding an import's rollup deltas no longer depends on the planner's luck (decision 9).
--
-- apply_work_item_rollup_deltas() (migration 0009) updated the existing groups and then inserted
-- the new ones with INSERT ... WHERE NOT EXISTS (SELECT ... FROM the rollup). When a rollup's
-- statistics said it was empty (it had been analysed while empty: after its rows were deleted, or
-- on a new installation once autovacuum had seen a few rows come and go), the planner chose a
-- nested loop that scanned the rollup once per new group, while the same statement was adding
-- rows to it: a 1M-row import spent over 15 minutes there instead of 4 seconds, holding the
-- import lock throughout.
--
-- Each rollup is now folded with one MERGE (matched groups updated, or deleted when they reach
-- zero; new groups inserted, without speculative insertion), joined in a way chosen by the size
-- of the delta rather than by the statistics: index probes for a small delta, hash joins for a
-- large one. Neither reads the rollup more than once.
--
-- The deferring trigger also stops grouping its statement's rows: the delta gets one row per
-- completed item (n = 1 or -1), grouped once here. Sums are of integers (bigint results), not of
-- bigints (numeric results).

CREATE OR REPLACE FUNCTION work_item_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_data_version();
  IF current_setting('ipo.defer_work_item_rollups', true) = 'on' THEN
    -- One delta row per completed item, not grouped: the groups are formed once, in
    -- apply_work_item_rollup_deltas(). Grouping here as well cost a hash aggregate per statement
    -- that saved almost nothing, since a chunk of rows touches nearly as many groups as it has rows.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pg_temp.work_item_rollup_delta
        (work_type_code, day, elapsed_working_days, within_threshold, team_id, channel, customer_group, n, working_days)
      SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false),
             coalesce(team_id, 0), channel, customer_group, -1, -elapsed_working_days
        FROM old_rows WHERE completed_date IS NOT NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO pg_temp.work_item_rollup_delta
        (work_type_code, day, elapsed_working_days, within_threshold, team_id, channel, customer_group, n, working_days)
      SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false),
             coalesce(team_id, 0), channel, customer_group, 1, elapsed_working_days
        FROM new_rows WHERE completed_date IS NOT NULL;
      INSERT INTO data_freshness AS f (kind, work_type_code, last_changed_at, latest_event_at)
      SELECT 'work_items', work_type_code, now(), max(coalesce(completed_at, received_at))
        FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (kind, work_type_code) DO UPDATE
        SET last_changed_at = EXCLUDED.last_changed_at,
            latest_event_at = greatest(f.latest_event_at, EXCLUDED.latest_event_at);
    END IF;
    RETURN NULL;
  END IF;
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

-- The delta table (created by the import) has one row per item: n is 1 or -1, working_days the
-- item's elapsed working days with the same sign.
--
-- How each MERGE may join the deltas with the rollup depends on the size of the delta, never on
-- the statistics: a small delta (under 10,000 items: an ingestion batch) probes the rollup's
-- primary key once per group; a large one hashes, reading the rollup once. Either way nothing
-- scans the rollup more than once. The MERGEs are run with EXECUTE so that each is planned under
-- the settings of its own call, and the function's SET clauses put the settings back on return.
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
    pg_temp.work_item_rollup_delta_group;
  TRUNCATE pg_temp.work_item_rollup_delta;
END $$;
