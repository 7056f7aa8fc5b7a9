-- AlterTable
ALTER TABLE "import_batch" ADD COLUMN     "data_source" TEXT NOT NULL DEFAULT 'import',
ADD COLUMN     "error_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "message" TEXT,
ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'all-or-nothing',
ADD COLUMN     "rows_unchanged" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "teams_created" JSONB;

