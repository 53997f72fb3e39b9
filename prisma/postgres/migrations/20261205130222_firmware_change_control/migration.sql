-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "firmwareFlaggedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChangePlan" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'submitted',
    "targetVersion" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "advisoryIds" JSONB NOT NULL,
    "releaseNoteUrl" TEXT,
    "contingency" TEXT NOT NULL,
    "rollbackVersion" TEXT,
    "downtimeMinutes" INTEGER NOT NULL,
    "selection" JSONB NOT NULL,
    "preview" JSONB NOT NULL,
    "requestedById" TEXT,
    "requestedBy" TEXT NOT NULL,
    "externalRef" TEXT,
    "decidedById" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangePlanDevice" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "fromVersion" TEXT,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "failure" TEXT,
    "reportedVersion" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "riskBefore" INTEGER NOT NULL,
    "riskAfter" INTEGER NOT NULL,
    "cvesClosed" JSONB NOT NULL,

    CONSTRAINT "ChangePlanDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContingencyTask" (
    "id" TEXT NOT NULL,
    "planDeviceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerId" TEXT,
    "owner" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "closedReason" TEXT,
    "closedById" TEXT,
    "closedBy" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContingencyTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirmwareChange" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "toVersion" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "agentId" TEXT,
    "fingerprint" TEXT,
    "kind" TEXT,
    "direction" TEXT,
    "planId" TEXT,
    "alertId" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedBy" TEXT,
    "reviewReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FirmwareChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangePlan_state_windowStart_idx" ON "ChangePlan"("state", "windowStart");

-- CreateIndex
CREATE INDEX "ChangePlan_windowStart_idx" ON "ChangePlan"("windowStart");

-- CreateIndex
CREATE INDEX "ChangePlanDevice_deviceId_idx" ON "ChangePlanDevice"("deviceId");

-- CreateIndex
CREATE INDEX "ChangePlanDevice_state_idx" ON "ChangePlanDevice"("state");

-- CreateIndex
CREATE UNIQUE INDEX "ChangePlanDevice_planId_deviceId_key" ON "ChangePlanDevice"("planId", "deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "ContingencyTask_planDeviceId_key" ON "ContingencyTask"("planDeviceId");

-- CreateIndex
CREATE INDEX "ContingencyTask_state_dueAt_idx" ON "ContingencyTask"("state", "dueAt");

-- CreateIndex
CREATE INDEX "FirmwareChange_deviceId_seenAt_idx" ON "FirmwareChange"("deviceId", "seenAt");

-- CreateIndex
CREATE INDEX "FirmwareChange_kind_reviewedAt_idx" ON "FirmwareChange"("kind", "reviewedAt");

-- CreateIndex
CREATE INDEX "FirmwareChange_seenAt_idx" ON "FirmwareChange"("seenAt");

-- AddForeignKey
ALTER TABLE "ChangePlanDevice" ADD CONSTRAINT "ChangePlanDevice_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ChangePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangePlanDevice" ADD CONSTRAINT "ChangePlanDevice_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContingencyTask" ADD CONSTRAINT "ContingencyTask_planDeviceId_fkey" FOREIGN KEY ("planDeviceId") REFERENCES "ChangePlanDevice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirmwareChange" ADD CONSTRAINT "FirmwareChange_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
