-- Actions get a due date, and the trend charts get annotations (issue 14). The CHECK
-- constraints, which schema.prisma cannot express, are named sql_only_*.

-- When an action should be done by: not done and due before today (London) is overdue.
ALTER TABLE "action" ADD COLUMN     "due_on" DATE;

-- A note on the trend charts: a date or a date range marked on one standard, or on every
-- standard (standard_code null). Written by managers and administrators; changed by the author
-- or an administrator.
CREATE TABLE "annotation" (
    "id" SERIAL NOT NULL,
    "standard_code" TEXT,
    "from_date" DATE NOT NULL,
    "to_date" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "annotation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "annotation_standard_code_from_date_idx" ON "annotation"("standard_code", "from_date");
ALTER TABLE "annotation" ADD CONSTRAINT "annotation_standard_code_fkey" FOREIGN KEY ("standard_code") REFERENCES "standard"("code") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "annotation"
  ADD CONSTRAINT "sql_only_annotation_range" CHECK ("from_date" <= "to_date"),
  ADD CONSTRAINT "sql_only_annotation_note" CHECK (
    char_length("note") BETWEEN 1 AND 120 AND "note" = btrim("note")
  );
