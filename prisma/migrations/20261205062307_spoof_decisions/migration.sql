-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "evidenceKey" TEXT;
ALTER TABLE "Alert" ADD COLUMN "heldEvidence" TEXT;

-- AlterTable
ALTER TABLE "Device" ADD COLUMN "splitFromId" TEXT;
ALTER TABLE "Device" ADD COLUMN "spoofConfirmedAt" DATETIME;
ALTER TABLE "Device" ADD COLUMN "spoofConfirmedBy" TEXT;
ALTER TABLE "Device" ADD COLUMN "spoofConfirmedReason" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN "learningUntil" DATETIME;

-- CreateTable
CREATE TABLE "IdentitySplit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "splitDeviceId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "fingerprintHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "IdentitySplit_splitDeviceId_key" ON "IdentitySplit"("splitDeviceId");

-- CreateIndex
CREATE INDEX "IdentitySplit_deviceId_idx" ON "IdentitySplit"("deviceId");

-- CreateIndex
CREATE INDEX "Alert_heldEvidence_idx" ON "Alert"("heldEvidence");
