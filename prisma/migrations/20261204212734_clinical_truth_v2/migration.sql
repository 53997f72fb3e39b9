-- CreateTable
CREATE TABLE "VexStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MatchDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AffectedProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisoryId" TEXT NOT NULL,
    "productRef" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "vendorNormalized" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "productNormalized" TEXT NOT NULL,
    "versionRange" TEXT,
    "parseStatus" TEXT NOT NULL,
    "cves" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'known_affected',
    "remediations" JSONB,
    CONSTRAINT "AffectedProduct_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_AffectedProduct" ("advisoryId", "cves", "id", "parseStatus", "product", "productNormalized", "productRef", "vendor", "vendorNormalized", "versionRange") SELECT "advisoryId", "cves", "id", "parseStatus", "product", "productNormalized", "productRef", "vendor", "vendorNormalized", "versionRange" FROM "AffectedProduct";
DROP TABLE "AffectedProduct";
ALTER TABLE "new_AffectedProduct" RENAME TO "AffectedProduct";
CREATE INDEX "AffectedProduct_vendorNormalized_productNormalized_idx" ON "AffectedProduct"("vendorNormalized", "productNormalized");
CREATE INDEX "AffectedProduct_advisoryId_idx" ON "AffectedProduct"("advisoryId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "VexStatement_vulnerabilityId_idx" ON "VexStatement"("vulnerabilityId");

-- CreateIndex
CREATE INDEX "VexStatement_vendorNormalized_productNormalized_idx" ON "VexStatement"("vendorNormalized", "productNormalized");

-- CreateIndex
CREATE UNIQUE INDEX "MatchDecision_deviceId_vulnerabilityId_key" ON "MatchDecision"("deviceId", "vulnerabilityId");
