-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "exposure" TEXT NOT NULL DEFAULT 'general_it',
    "vlan" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "siteId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "enrolledById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "version" TEXT,
    "hostname" TEXT,
    "expectedInterval" INTEGER NOT NULL DEFAULT 300,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "observationCount" INTEGER NOT NULL DEFAULT 0,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "lastErrorAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mode" TEXT NOT NULL,
    "observationCount" INTEGER NOT NULL,
    "answer" JSONB NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "segment" TEXT,
    "ip" TEXT,
    "claimed" JSONB,
    "physical" JSONB,
    "network" JSONB,
    "software" JSONB,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyMetric" (
    "day" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimension" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailyMetric_pkey" PRIMARY KEY ("day","metric","dimension")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
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
    "compensatingControls" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "statusRule" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "assigneeId" TEXT,
    "spoofSuspected" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notSeenAt" TIMESTAMP(3),
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "riskTier" TEXT NOT NULL DEFAULT 'low',
    "ssvc" TEXT,
    "riskComputedAt" TIMESTAMP(3),
    "riskAcceptedUntil" TIMESTAMP(3),
    "currentFingerprintId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceIdentifier" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceIdentifier_pkey" PRIMARY KEY ("kind","value")
);

-- CreateTable
CREATE TABLE "Fingerprint" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "channel" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "seenCount" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Fingerprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedImport" (
    "id" TEXT NOT NULL,
    "feed" TEXT NOT NULL,
    "feedVersion" TEXT,
    "feedDate" TIMESTAMP(3),
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL,

    CONSTRAINT "FeedImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Advisory" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "revisedAt" TIMESTAMP(3),
    "url" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Advisory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vulnerability" (
    "id" TEXT NOT NULL,
    "title" TEXT,
    "description" TEXT,
    "cvssVersion" TEXT,
    "cvssVector" TEXT,
    "cvssBaseScore" DOUBLE PRECISION,
    "cvssExploitability" DOUBLE PRECISION,
    "epss" DOUBLE PRECISION,
    "epssPercentile" DOUBLE PRECISION,
    "epssModel" TEXT,
    "epssDate" TIMESTAMP(3),
    "kev" BOOLEAN NOT NULL DEFAULT false,
    "kevDateAdded" TIMESTAMP(3),
    "kevDueDate" TIMESTAMP(3),
    "kevRansomware" BOOLEAN NOT NULL DEFAULT false,
    "kevCatalogVersion" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vulnerability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvisoryVulnerability" (
    "advisoryId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,

    CONSTRAINT "AdvisoryVulnerability_pkey" PRIMARY KEY ("advisoryId","vulnerabilityId")
);

-- CreateTable
CREATE TABLE "AffectedProduct" (
    "id" TEXT NOT NULL,
    "advisoryId" TEXT NOT NULL,
    "productRef" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "vendorNormalized" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "productNormalized" TEXT NOT NULL,
    "versionRange" TEXT,
    "parseStatus" TEXT NOT NULL,
    "cves" JSONB NOT NULL,

    CONSTRAINT "AffectedProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SbomComponent" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT,
    "cpe" TEXT,
    "purl" TEXT,

    CONSTRAINT "SbomComponent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceVulnerability" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "vulnerabilityId" TEXT NOT NULL,
    "advisoryId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" JSONB NOT NULL,
    "matchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceVulnerability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskScore" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "ssvc" TEXT,
    "modelVersion" TEXT NOT NULL,
    "breakdown" JSONB NOT NULL,
    "trigger" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskAcceptance" (
    "id" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "acceptedById" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "RiskAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" JSONB,
    "deviceId" TEXT,
    "agentId" TEXT,
    "openKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "siteId" TEXT,
    "segmentId" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "rules" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Segment" ADD CONSTRAINT "Segment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_enrolledById_fkey" FOREIGN KEY ("enrolledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_criticalityEditedById_fkey" FOREIGN KEY ("criticalityEditedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceIdentifier" ADD CONSTRAINT "DeviceIdentifier_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fingerprint" ADD CONSTRAINT "Fingerprint_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryVulnerability" ADD CONSTRAINT "AdvisoryVulnerability_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisoryVulnerability" ADD CONSTRAINT "AdvisoryVulnerability_vulnerabilityId_fkey" FOREIGN KEY ("vulnerabilityId") REFERENCES "Vulnerability"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AffectedProduct" ADD CONSTRAINT "AffectedProduct_advisoryId_fkey" FOREIGN KEY ("advisoryId") REFERENCES "Advisory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SbomComponent" ADD CONSTRAINT "SbomComponent_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceVulnerability" ADD CONSTRAINT "DeviceVulnerability_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceVulnerability" ADD CONSTRAINT "DeviceVulnerability_vulnerabilityId_fkey" FOREIGN KEY ("vulnerabilityId") REFERENCES "Vulnerability"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskScore" ADD CONSTRAINT "RiskScore_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAcceptance" ADD CONSTRAINT "RiskAcceptance_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAcceptance" ADD CONSTRAINT "RiskAcceptance_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
