-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "evidenceKey" TEXT,
ADD COLUMN     "heldEvidence" TEXT;

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "splitFromId" TEXT,
ADD COLUMN     "spoofConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "spoofConfirmedBy" TEXT,
ADD COLUMN     "spoofConfirmedReason" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "learningUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IdentitySplit" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "splitDeviceId" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "fingerprintHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentitySplit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdentitySplit_splitDeviceId_key" ON "IdentitySplit"("splitDeviceId");

-- CreateIndex
CREATE INDEX "IdentitySplit_deviceId_idx" ON "IdentitySplit"("deviceId");

-- CreateIndex
CREATE INDEX "Alert_heldEvidence_idx" ON "Alert"("heldEvidence");
