-- AlterTable
ALTER TABLE "Device" ADD COLUMN "factsHash" TEXT;
ALTER TABLE "Device" ADD COLUMN "lastAgentId" TEXT;
ALTER TABLE "Device" ADD COLUMN "switchPort" TEXT;
ALTER TABLE "Device" ADD COLUMN "switchPortSeenAt" DATETIME;

-- CreateIndex
CREATE INDEX "Device_lastAgentId_notSeenAt_idx" ON "Device"("lastAgentId", "notSeenAt");
