-- Feedback explorer (issue 6): the theme taxonomy, a GIN index for theme filters and the
-- full-text index of comment search.

-- CreateTable
CREATE TABLE "theme" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phrases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "theme_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "feedback_response_themes_idx" ON "feedback_response" USING GIN ("themes");

-- Full-text search over the (already redacted) comment. An expression index cannot be written in
-- schema.prisma, so its name starts with sql_only_ and the schema-drift test leaves it out.
CREATE INDEX "sql_only_feedback_comment_fts" ON "feedback_response"
  USING GIN (to_tsvector('english', coalesce("comment", '')));

-- The default taxonomy (apps/api/src/feedback/default-taxonomy.ts; a test checks they agree).
-- Comments already stored are tagged by the API's re-tagging when the taxonomy next changes.
INSERT INTO "theme" ("code", "name", "phrases") VALUES
  ('waiting-times', 'Waiting times', ARRAY['wait', 'on hold', 'hold time', 'get through', 'queue', 'call back', 'callback']::TEXT[]),
  ('online-services', 'Online services', ARRAY['online', 'website', 'web site', 'upload', 'tracker', 'tracking', 'digital']::TEXT[]),
  ('fees', 'Fees', ARRAY['fee', 'pay', 'paid', 'payment', 'refund', 'cost', 'price', 'charge']::TEXT[]),
  ('helpful-staff', 'Helpful staff', ARRAY['helpful', 'staff', 'adviser', 'advisor', 'examiner', 'friendly', 'knowledgeable', 'patient']::TEXT[]),
  ('clarity-of-guidance', 'Clarity of guidance', ARRAY['guidance', 'jargon', 'explain', 'clear', 'clearly', 'confusing', 'understood', 'hard to follow', 'video']::TEXT[]),
  ('it-problems', 'IT problems', ARRAY['crash', 'error', 'timed out', 'time out', 'lost everything', 'not working', 'broken']::TEXT[]),
  ('speed-of-decision', 'Speed of decision', ARRAY['decision', 'faster', 'quick', 'slow', 'delay', 'took longer', 'much longer', 'within two days']::TEXT[]),
  ('keeping-informed', 'Keeping customers informed', ARRAY['nobody tells', 'chase', 'progress', 'reminder', 'what is happening', 'update']::TEXT[]),
  ('classification', 'Classifying goods and services', ARRAY['classification', 'classifying', 'classify', 'goods and services']::TEXT[]);
