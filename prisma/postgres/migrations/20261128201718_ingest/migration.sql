-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "factsHash" TEXT,
ADD COLUMN     "lastAgentId" TEXT,
ADD COLUMN     "switchPort" TEXT,
ADD COLUMN     "switchPortSeenAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Device_lastAgentId_notSeenAt_idx" ON "Device"("lastAgentId", "notSeenAt");
