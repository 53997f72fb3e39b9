-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "health" JSONB;
ALTER TABLE "Agent" ADD COLUMN "healthAt" DATETIME;
