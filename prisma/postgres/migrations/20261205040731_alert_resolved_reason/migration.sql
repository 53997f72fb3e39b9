-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "resolvedReason" TEXT;
