-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "enforcementMode" TEXT,
ADD COLUMN     "policyFetchedAt" TIMESTAMP(3),
ADD COLUMN     "policyVersion" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "enforcementMode" TEXT NOT NULL DEFAULT 'monitor';

-- CreateTable
CREATE TABLE "Enforcement" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "deviceId" TEXT,
    "hostname" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "usb" JSONB,
    "error" TEXT,

    CONSTRAINT "Enforcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "kinds" JSONB NOT NULL,
    "minSeverity" TEXT NOT NULL DEFAULT 'info',
    "secretSealed" TEXT NOT NULL,
    "secretPrefix" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyslogTarget" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyslogTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "webhookId" TEXT,
    "syslogTargetId" TEXT,
    "eventKey" TEXT NOT NULL,
    "eventKind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundAttempt" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "statusCode" INTEGER,
    "answer" TEXT,
    "error" TEXT,

    CONSTRAINT "OutboundAttempt_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Enforcement" ADD CONSTRAINT "Enforcement_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enforcement" ADD CONSTRAINT "Enforcement_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "WebhookSubscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_syslogTargetId_fkey" FOREIGN KEY ("syslogTargetId") REFERENCES "SyslogTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundAttempt" ADD CONSTRAINT "OutboundAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboundMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
