-- CreateTable
CREATE TABLE "RiskBreakdown" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "breakdown" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RiskScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "ssvc" TEXT,
    "modelVersion" TEXT NOT NULL,
    "breakdown" JSONB,
    "breakdownHash" TEXT,
    "trigger" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RiskScore_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RiskScore_breakdownHash_fkey" FOREIGN KEY ("breakdownHash") REFERENCES "RiskBreakdown" ("hash") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RiskScore" ("breakdown", "computedAt", "deviceId", "id", "modelVersion", "score", "ssvc", "tier", "trigger") SELECT "breakdown", "computedAt", "deviceId", "id", "modelVersion", "score", "ssvc", "tier", "trigger" FROM "RiskScore";
DROP TABLE "RiskScore";
ALTER TABLE "new_RiskScore" RENAME TO "RiskScore";
CREATE INDEX "RiskScore_deviceId_computedAt_idx" ON "RiskScore"("deviceId", "computedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
