-- CreateTable
CREATE TABLE "data_change" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_change_pkey" PRIMARY KEY ("id")
);

-- The data version without a shared lock. 0006 bumped one counter row from every writing
-- statement, which made concurrent writers queue behind each other for their whole transaction
-- (and could deadlock a long recalculation against an import holding work-item rows). Now each
-- writing statement inserts a row into data_change (inserts never wait for each other), and the
-- version is derivation_state.data_version + count(data_change): a writer's rows become visible
-- exactly when it commits, so the version moves then, whatever order transactions commit in.
-- Compaction moves counted rows into data_version in one statement, keeping the sum unchanged.
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_change DEFAULT VALUES;
$$;

CREATE FUNCTION compact_data_changes() RETURNS void LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM data_change RETURNING 1)
  UPDATE derivation_state SET data_version = data_version + (SELECT count(*) FROM gone) WHERE id = 1;
$$;
