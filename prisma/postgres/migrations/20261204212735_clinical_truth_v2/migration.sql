-- AlterTable
ALTER TABLE "AffectedProduct" ADD COLUMN     "remediations" JSONB,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'known_affected';

-- CreateTable
CREATE TABLE "VexStatement" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "vendorNormalized" TEXT,
    "productNormalized" TEXT,
    "versionRange" TEXT,
    "cpe" TEXT,
    "purl" TEXT,
    "deviceId" TEXT,
    "status" TEXT NOT NULL,
    "justification" TEXT,
    "detail" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VexStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchDecision" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VexStatement_vulnerabilityId_idx" ON "VexStatement"("vulnerabilityId");

-- CreateIndex
CREATE INDEX "VexStatement_vendorNormalized_productNormalized_idx" ON "VexStatement"("vendorNormalized", "productNormalized");

-- CreateIndex
CREATE UNIQUE INDEX "MatchDecision_deviceId_vulnerabilityId_key" ON "MatchDecision"("deviceId", "vulnerabilityId");
