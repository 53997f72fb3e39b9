-- CreateTable
CREATE TABLE "MatchReason" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "reason" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeviceVulnerability" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "advisoryId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" JSONB,
    "reasonHash" TEXT,
    "matchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceVulnerability_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeviceVulnerability_vulnerabilityId_fkey" FOREIGN KEY ("vulnerabilityId") REFERENCES "Vulnerability" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeviceVulnerability_reasonHash_fkey" FOREIGN KEY ("reasonHash") REFERENCES "MatchReason" ("hash") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_DeviceVulnerability" ("advisoryId", "deviceId", "id", "matchedAt", "reason", "source", "status", "vulnerabilityId") SELECT "advisoryId", "deviceId", "id", "matchedAt", "reason", "source", "status", "vulnerabilityId" FROM "DeviceVulnerability";
DROP TABLE "DeviceVulnerability";
ALTER TABLE "new_DeviceVulnerability" RENAME TO "DeviceVulnerability";
CREATE INDEX "DeviceVulnerability_vulnerabilityId_idx" ON "DeviceVulnerability"("vulnerabilityId");
CREATE INDEX "DeviceVulnerability_deviceId_status_idx" ON "DeviceVulnerability"("deviceId", "status");
CREATE INDEX "DeviceVulnerability_status_matchedAt_id_idx" ON "DeviceVulnerability"("status", "matchedAt", "id");
CREATE UNIQUE INDEX "DeviceVulnerability_deviceId_vulnerabilityId_source_key" ON "DeviceVulnerability"("deviceId", "vulnerabilityId", "source");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
