-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "enforcementMode" TEXT;
ALTER TABLE "Agent" ADD COLUMN "policyFetchedAt" DATETIME;
ALTER TABLE "Agent" ADD COLUMN "policyVersion" TEXT;

-- CreateTable
CREATE TABLE "Enforcement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "deviceId" TEXT,
    "hostname" TEXT,
    "at" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "usb" JSONB,
    "error" TEXT,
    CONSTRAINT "Enforcement_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enforcement_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "kinds" JSONB NOT NULL,
    "minSeverity" TEXT NOT NULL DEFAULT 'info',
    "secretSealed" TEXT NOT NULL,
    "secretPrefix" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "disabledAt" DATETIME
);

-- CreateTable
CREATE TABLE "SyslogTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "transport" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "events" JSONB NOT NULL,
    "minSeverity" TEXT NOT NULL DEFAULT 'info',
    "caPem" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "destination" TEXT NOT NULL,
    "webhookId" TEXT,
    "syslogTargetId" TEXT,
    "eventKey" TEXT NOT NULL,
    "eventKind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "deliveredAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundMessage_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "WebhookSubscription" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OutboundMessage_syslogTargetId_fkey" FOREIGN KEY ("syslogTargetId") REFERENCES "SyslogTarget" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboundAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "answer" TEXT,
    "error" TEXT,
    CONSTRAINT "OutboundAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboundMessage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "key" TEXT,
    "description" TEXT,
    "enforcementMode" TEXT NOT NULL DEFAULT 'monitor',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Site" ("createdAt", "description", "id", "key", "name") SELECT "createdAt", "description", "id", "key", "name" FROM "Site";
DROP TABLE "Site";
ALTER TABLE "new_Site" RENAME TO "Site";
CREATE UNIQUE INDEX "Site_name_key" ON "Site"("name");
CREATE UNIQUE INDEX "Site_key_key" ON "Site"("key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Enforcement_deviceId_at_idx" ON "Enforcement"("deviceId", "at");

-- CreateIndex
CREATE INDEX "Enforcement_agentId_at_idx" ON "Enforcement"("agentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Enforcement_agentId_actionId_key" ON "Enforcement"("agentId", "actionId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookSubscription_name_key" ON "WebhookSubscription"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SyslogTarget_name_key" ON "SyslogTarget"("name");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_webhookId_createdAt_idx" ON "OutboundMessage"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_syslogTargetId_createdAt_idx" ON "OutboundMessage"("syslogTargetId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_destination_eventKey_key" ON "OutboundMessage"("destination", "eventKey");

-- CreateIndex
CREATE INDEX "OutboundAttempt_messageId_at_idx" ON "OutboundAttempt"("messageId", "at");
