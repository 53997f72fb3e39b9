-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "spoofDismissal" JSONB;
