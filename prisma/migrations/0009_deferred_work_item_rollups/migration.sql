-- ---------------------------------------------------------------------------------------------
-- Bulk imports fold their rollup changes in once, not once per statement.
--
-- An import merges a large file in chunks of rows (one statement each, so that reading the file
-- overlaps with writing it). Upserting each chunk's groups straight into the rollups costs about
-- 15 µs per group, and a chunk of historical rows touches nearly as many groups as it has rows,
-- most of them touched again by the next chunk: for a 1M-row file, 2 million group upserts.
--
-- A transaction that sets ipo.defer_work_item_rollups = 'on' (SET LOCAL) and creates the TEMP
-- table work_item_rollup_delta gets each statement's changes appended there, grouped at the
-- finest grain the three rollups need, and calls apply_work_item_rollup_deltas() before it
-- commits: one upsert per rollup group touched by the whole import. Everything stays in the one
-- transaction, so readers never see rows without their rollups. Without the setting (every other
-- writer) the trigger works as before. The data version and data_freshness are kept per
-- statement either way.
CREATE OR REPLACE FUNCTION work_item_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM bump_data_version();
  IF current_setting('ipo.defer_work_item_rollups', true) = 'on' THEN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pg_temp.work_item_rollup_delta
        (work_type_code, day, elapsed_working_days, within_threshold, team_id, channel, customer_group, n, sum_working_days)
      SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false),
             coalesce(team_id, 0), channel, customer_group, -count(*), -sum(elapsed_working_days)
        FROM old_rows WHERE completed_date IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5, 6, 7;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO pg_temp.work_item_rollup_delta
        (work_type_code, day, elapsed_working_days, within_threshold, team_id, channel, customer_group, n, sum_working_days)
      SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false),
             coalesce(team_id, 0), channel, customer_group, count(*), sum(elapsed_working_days)
        FROM new_rows WHERE completed_date IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5, 6, 7;
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

-- Folds the deltas a deferring transaction collected into the three rollups and empties the
-- delta table. Each rollup's deltas are summed once; the groups that exist are updated and the
-- others inserted with a plain INSERT (no speculative insertion: about twice as fast, and nothing
-- else inserts rollup groups meanwhile, since imports merge one at a time and recalculations wait
-- for them; a race would only fail the import on the unique key, leaving nothing behind). Groups
-- brought to zero by removals are deleted.
CREATE FUNCTION apply_work_item_rollup_deltas() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE TEMP TABLE work_item_rollup_delta_turnaround ON COMMIT DROP AS
  SELECT work_type_code, day, elapsed_working_days, within_threshold, sum(n)::int AS n
    FROM pg_temp.work_item_rollup_delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  UPDATE work_item_day_turnaround r SET n = r.n + d.n
    FROM pg_temp.work_item_rollup_delta_turnaround d
   WHERE r.work_type_code = d.work_type_code AND r.day = d.day
     AND r.elapsed_working_days = d.elapsed_working_days AND r.within_threshold = d.within_threshold;
  INSERT INTO work_item_day_turnaround (work_type_code, day, elapsed_working_days, within_threshold, n)
  SELECT d.work_type_code, d.day, d.elapsed_working_days, d.within_threshold, d.n
    FROM pg_temp.work_item_rollup_delta_turnaround d
   WHERE NOT EXISTS (SELECT 1 FROM work_item_day_turnaround r
                      WHERE r.work_type_code = d.work_type_code AND r.day = d.day
                        AND r.elapsed_working_days = d.elapsed_working_days
                        AND r.within_threshold = d.within_threshold);

  CREATE TEMP TABLE work_item_rollup_delta_month ON COMMIT DROP AS
  SELECT work_type_code, date_trunc('month', day::timestamp)::date AS month, elapsed_working_days,
         within_threshold, sum(n)::int AS n
    FROM pg_temp.work_item_rollup_delta_turnaround GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  UPDATE work_item_month_turnaround r SET n = r.n + d.n
    FROM pg_temp.work_item_rollup_delta_month d
   WHERE r.work_type_code = d.work_type_code AND r.month = d.month
     AND r.elapsed_working_days = d.elapsed_working_days AND r.within_threshold = d.within_threshold;
  INSERT INTO work_item_month_turnaround (work_type_code, month, elapsed_working_days, within_threshold, n)
  SELECT d.work_type_code, d.month, d.elapsed_working_days, d.within_threshold, d.n
    FROM pg_temp.work_item_rollup_delta_month d
   WHERE NOT EXISTS (SELECT 1 FROM work_item_month_turnaround r
                      WHERE r.work_type_code = d.work_type_code AND r.month = d.month
                        AND r.elapsed_working_days = d.elapsed_working_days
                        AND r.within_threshold = d.within_threshold);

  CREATE TEMP TABLE work_item_rollup_delta_group ON COMMIT DROP AS
  SELECT work_type_code, day, team_id, channel, customer_group, within_threshold, sum(n)::int AS n,
         sum(sum_working_days)::bigint AS sum_working_days
    FROM pg_temp.work_item_rollup_delta GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(n) <> 0 OR sum(sum_working_days) <> 0;
  UPDATE work_item_day_group r
     SET n = r.n + d.n, sum_working_days = r.sum_working_days + d.sum_working_days
    FROM pg_temp.work_item_rollup_delta_group d
   WHERE r.work_type_code = d.work_type_code AND r.day = d.day AND r.team_id = d.team_id
     AND r.channel = d.channel AND r.customer_group = d.customer_group
     AND r.within_threshold = d.within_threshold;
  INSERT INTO work_item_day_group (work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days)
  SELECT d.work_type_code, d.day, d.team_id, d.channel, d.customer_group, d.within_threshold, d.n,
         d.sum_working_days
    FROM pg_temp.work_item_rollup_delta_group d
   WHERE NOT EXISTS (SELECT 1 FROM work_item_day_group r
                      WHERE r.work_type_code = d.work_type_code AND r.day = d.day
                        AND r.team_id = d.team_id AND r.channel = d.channel
                        AND r.customer_group = d.customer_group
                        AND r.within_threshold = d.within_threshold);

  -- Only removals (negative deltas) can bring a group to zero.
  IF EXISTS (SELECT 1 FROM pg_temp.work_item_rollup_delta WHERE n < 0) THEN
    DELETE FROM work_item_day_turnaround r
     USING (SELECT DISTINCT work_type_code, day FROM pg_temp.work_item_rollup_delta WHERE n < 0) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.day AND r.n = 0;
    DELETE FROM work_item_month_turnaround r
     USING (SELECT DISTINCT work_type_code, date_trunc('month', day::timestamp)::date AS month
              FROM pg_temp.work_item_rollup_delta WHERE n < 0) k
     WHERE r.work_type_code = k.work_type_code AND r.month = k.month AND r.n = 0;
    DELETE FROM work_item_day_group r
     USING (SELECT DISTINCT work_type_code, day FROM pg_temp.work_item_rollup_delta WHERE n < 0) k
     WHERE r.work_type_code = k.work_type_code AND r.day = k.day AND r.n = 0;
  END IF;
  DROP TABLE pg_temp.work_item_rollup_delta_turnaround, pg_temp.work_item_rollup_delta_month,
    pg_temp.work_item_rollup_delta_group;
  TRUNCATE pg_temp.work_item_rollup_delta;
END $$;
