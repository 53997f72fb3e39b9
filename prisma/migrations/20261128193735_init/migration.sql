-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" DATETIME,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "exposure" TEXT NOT NULL DEFAULT 'general_it',
    "vlan" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Segment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "siteId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "enrolledById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "lastSeenAt" DATETIME,
    "version" TEXT,
    "hostname" TEXT,
    "expectedInterval" INTEGER NOT NULL DEFAULT 300,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "observationCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "lastErrorAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "Agent_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Agent_enrolledById_fkey" FOREIGN KEY ("enrolledById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mode" TEXT NOT NULL,
    "observationCount" INTEGER NOT NULL,
    "answer" JSONB NOT NULL,
    CONSTRAINT "Report_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "observedAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "segment" TEXT,
    "ip" TEXT,
    "claimed" JSONB,
    "physical" JSONB,
    "network" JSONB,
    "software" JSONB,
    CONSTRAINT "Observation_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Observation_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DailyMetric" (
    "day" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL DEFAULT '',
    "value" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("day", "metric", "dimension")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "category" TEXT NOT NULL DEFAULT 'unknown',
    "categoryRule" TEXT,
    "claimedMac" TEXT,
    "claimedIp" TEXT,
    "claimedHostname" TEXT,
    "claimedVendor" TEXT,
    "claimedModel" TEXT,
    "claimedSerial" TEXT,
    "claimedFirmware" TEXT,
    "usbVendorId" TEXT,
    "usbProductId" TEXT,
    "usbSerial" TEXT,
    "usbManufacturer" TEXT,
    "usbProduct" TEXT,
    "vendor" TEXT,
    "model" TEXT,
    "firmwareVersion" TEXT,
    "ouiVendor" TEXT,
    "usbIdsVendor" TEXT,
    "usbIdsProduct" TEXT,
    "macLocallyAdministered" BOOLEAN NOT NULL DEFAULT false,
    "os" TEXT,
    "channel" TEXT,
    "internetExposed" BOOLEAN NOT NULL DEFAULT false,
    "network" JSONB,
    "siteId" TEXT,
    "segmentId" TEXT,
    "department" TEXT,
    "location" TEXT,
    "owner" TEXT,
    "criticality" TEXT NOT NULL DEFAULT 'non_clinical',
    "criticalitySource" TEXT NOT NULL DEFAULT 'category-default',
    "criticalityEditedById" TEXT,
    "phi" TEXT NOT NULL DEFAULT 'none',
    "compensatingControls" REAL NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "statusRule" TEXT,
    "statusChangedAt" DATETIME,
    "assigneeId" TEXT,
    "spoofSuspected" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notSeenAt" DATETIME,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "riskTier" TEXT NOT NULL DEFAULT 'low',
    "ssvc" TEXT,
    "riskComputedAt" DATETIME,
    "riskAcceptedUntil" DATETIME,
    "currentFingerprintId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Device_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_criticalityEditedById_fkey" FOREIGN KEY ("criticalityEditedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Device_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceIdentifier" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("kind", "value"),
    CONSTRAINT "DeviceIdentifier_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Fingerprint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "channel" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "similarity" REAL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "seenCount" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Fingerprint_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "feed" TEXT NOT NULL,
    "feedVersion" TEXT,
    "feedDate" DATETIME,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL
);

-- CreateTable
CREATE TABLE "Advisory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "releasedAt" DATETIME,
    "revisedAt" DATETIME,
    "url" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Vulnerability" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT,
    "description" TEXT,
    "cvssVersion" TEXT,
    "cvssVector" TEXT,
    "cvssBaseScore" REAL,
    "cvssExploitability" REAL,
    "epss" REAL,
    "epssPercentile" REAL,
    "epssModel" TEXT,
    "epssDate" DATETIME,
    "kev" BOOLEAN NOT NULL DEFAULT false,
    "kevDateAdded" DATETIME,
    "kevDueDate" DATETIME,
    "kevRansomware" BOOLEAN NOT NULL DEFAULT false,
    "kevCatalogVersion" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AdvisoryVulnerability" (
    "advisoryId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,

    PRIMARY KEY ("advisoryId", "vulnerabilityId"),
    CONSTRAINT "AdvisoryVulnerability_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AdvisoryVulnerability_vulnerabilityId_fkey" FOREIGN KEY ("vulnerabilityId") REFERENCES "Vulnerability" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AffectedProduct" (
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
    CONSTRAINT "AffectedProduct_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SbomComponent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT,
    "cpe" TEXT,
    "purl" TEXT,
    CONSTRAINT "SbomComponent_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceVulnerability" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "advisoryId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" JSONB NOT NULL,
    "matchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceVulnerability_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeviceVulnerability_vulnerabilityId_fkey" FOREIGN KEY ("vulnerabilityId") REFERENCES "Vulnerability" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "ssvc" TEXT,
    "modelVersion" TEXT NOT NULL,
    "breakdown" JSONB NOT NULL,
    "trigger" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RiskScore_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RiskAcceptance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "acceptedById" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "RiskAcceptance_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RiskAcceptance_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" JSONB,
    "deviceId" TEXT,
    "agentId" TEXT,
    "openKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    CONSTRAINT "Alert_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Alert_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Alert_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "siteId" TEXT,
    "segmentId" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "rules" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Policy_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Policy_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_at_idx" ON "AuditLog"("targetType", "targetId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Site_name_key" ON "Site"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_siteId_name_key" ON "Segment"("siteId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_tokenHash_key" ON "Agent"("tokenHash");

-- CreateIndex
CREATE INDEX "Agent_revokedAt_lastSeenAt_idx" ON "Agent"("revokedAt", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Report_agentId_receivedAt_idx" ON "Report"("agentId", "receivedAt");

-- CreateIndex
CREATE INDEX "Report_receivedAt_idx" ON "Report"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Report_agentId_reportId_key" ON "Report"("agentId", "reportId");

-- CreateIndex
CREATE INDEX "Observation_deviceId_observedAt_idx" ON "Observation"("deviceId", "observedAt");

-- CreateIndex
CREATE INDEX "Observation_observedAt_idx" ON "Observation"("observedAt");

-- CreateIndex
CREATE INDEX "Observation_agentId_receivedAt_idx" ON "Observation"("agentId", "receivedAt");

-- CreateIndex
CREATE INDEX "DailyMetric_metric_day_idx" ON "DailyMetric"("metric", "day");

-- CreateIndex
CREATE INDEX "Device_riskScore_id_idx" ON "Device"("riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_status_riskScore_id_idx" ON "Device"("status", "riskScore" DESC, "id");

-- CreateIndex
CREATE INDEX "Device_category_id_idx" ON "Device"("category", "id");

-- CreateIndex
CREATE INDEX "Device_siteId_segmentId_id_idx" ON "Device"("siteId", "segmentId", "id");

-- CreateIndex
CREATE INDEX "Device_vendor_id_idx" ON "Device"("vendor", "id");

-- CreateIndex
CREATE INDEX "Device_riskTier_id_idx" ON "Device"("riskTier", "id");

-- CreateIndex
CREATE INDEX "Device_criticality_id_idx" ON "Device"("criticality", "id");

-- CreateIndex
CREATE INDEX "Device_lastSeenAt_id_idx" ON "Device"("lastSeenAt", "id");

-- CreateIndex
CREATE INDEX "Device_firstSeenAt_idx" ON "Device"("firstSeenAt");

-- CreateIndex
CREATE INDEX "Device_claimedMac_idx" ON "Device"("claimedMac");

-- CreateIndex
CREATE INDEX "Device_claimedIp_idx" ON "Device"("claimedIp");

-- CreateIndex
CREATE INDEX "Device_spoofSuspected_status_idx" ON "Device"("spoofSuspected", "status");

-- CreateIndex
CREATE INDEX "DeviceIdentifier_deviceId_idx" ON "DeviceIdentifier"("deviceId");

-- CreateIndex
CREATE INDEX "Fingerprint_hash_idx" ON "Fingerprint"("hash");

-- CreateIndex
CREATE INDEX "Fingerprint_deviceId_firstSeenAt_idx" ON "Fingerprint"("deviceId", "firstSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "Fingerprint_deviceId_hash_key" ON "Fingerprint"("deviceId", "hash");

-- CreateIndex
CREATE INDEX "FeedImport_feed_importedAt_idx" ON "FeedImport"("feed", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedImport_feed_sha256_key" ON "FeedImport"("feed", "sha256");

-- CreateIndex
CREATE INDEX "Vulnerability_kev_idx" ON "Vulnerability"("kev");

-- CreateIndex
CREATE INDEX "AdvisoryVulnerability_vulnerabilityId_idx" ON "AdvisoryVulnerability"("vulnerabilityId");

-- CreateIndex
CREATE INDEX "AffectedProduct_vendorNormalized_productNormalized_idx" ON "AffectedProduct"("vendorNormalized", "productNormalized");

-- CreateIndex
CREATE INDEX "AffectedProduct_advisoryId_idx" ON "AffectedProduct"("advisoryId");

-- CreateIndex
CREATE INDEX "SbomComponent_cpe_idx" ON "SbomComponent"("cpe");

-- CreateIndex
CREATE UNIQUE INDEX "SbomComponent_deviceId_source_name_version_key" ON "SbomComponent"("deviceId", "source", "name", "version");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_vulnerabilityId_idx" ON "DeviceVulnerability"("vulnerabilityId");

-- CreateIndex
CREATE INDEX "DeviceVulnerability_deviceId_status_idx" ON "DeviceVulnerability"("deviceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceVulnerability_deviceId_vulnerabilityId_source_key" ON "DeviceVulnerability"("deviceId", "vulnerabilityId", "source");

-- CreateIndex
CREATE INDEX "RiskScore_deviceId_computedAt_idx" ON "RiskScore"("deviceId", "computedAt");

-- CreateIndex
CREATE INDEX "RiskScore_computedAt_idx" ON "RiskScore"("computedAt");

-- CreateIndex
CREATE INDEX "RiskAcceptance_deviceId_expiresAt_idx" ON "RiskAcceptance"("deviceId", "expiresAt");

-- CreateIndex
CREATE INDEX "RiskAcceptance_expiresAt_idx" ON "RiskAcceptance"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_status_lastAt_idx" ON "Alert"("status", "lastAt");

-- CreateIndex
CREATE INDEX "Alert_kind_status_idx" ON "Alert"("kind", "status");

-- CreateIndex
CREATE INDEX "Alert_deviceId_lastAt_idx" ON "Alert"("deviceId", "lastAt");

-- CreateIndex
CREATE INDEX "Alert_firstAt_idx" ON "Alert"("firstAt");

-- CreateIndex
CREATE INDEX "Policy_kind_enabled_idx" ON "Policy"("kind", "enabled");
