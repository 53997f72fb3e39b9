-- AlterTable
ALTER TABLE "DeviceVulnerability" ADD COLUMN     "reasonHash" TEXT,
ALTER COLUMN "reason" DROP NOT NULL;

-- CreateTable
CREATE TABLE "MatchReason" (
    "hash" TEXT NOT NULL,
    "reason" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchReason_pkey" PRIMARY KEY ("hash")
);

-- AddForeignKey
ALTER TABLE "DeviceVulnerability" ADD CONSTRAINT "DeviceVulnerability_reasonHash_fkey" FOREIGN KEY ("reasonHash") REFERENCES "MatchReason"("hash") ON DELETE SET NULL ON UPDATE CASCADE;
