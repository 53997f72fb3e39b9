-- AlterTable
ALTER TABLE "RiskScore" ADD COLUMN     "breakdownHash" TEXT,
ALTER COLUMN "breakdown" DROP NOT NULL;

-- CreateTable
CREATE TABLE "RiskBreakdown" (
    "hash" TEXT NOT NULL,
    "breakdown" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskBreakdown_pkey" PRIMARY KEY ("hash")
);

-- AddForeignKey
ALTER TABLE "RiskScore" ADD CONSTRAINT "RiskScore_breakdownHash_fkey" FOREIGN KEY ("breakdownHash") REFERENCES "RiskBreakdown"("hash") ON DELETE SET NULL ON UPDATE CASCADE;
