-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "health" JSONB,
ADD COLUMN     "healthAt" TIMESTAMP(3);
