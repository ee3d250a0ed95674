-- AlterEnum
ALTER TYPE "SuppressionKind" ADD VALUE 'consumer';

-- AlterEnum
ALTER TYPE "SuppressionType" ADD VALUE 'sha256';

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "event" TEXT NOT NULL DEFAULT 'lead.sold',
ADD COLUMN     "eventAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "consentErasedAt" TIMESTAMP(3),
ADD COLUMN     "consentRevokedAt" TIMESTAMP(3),
ADD COLUMN     "emailHash" TEXT,
ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "erasureReason" TEXT,
ADD COLUMN     "phoneHash" TEXT;

-- CreateTable
CREATE TABLE "ConsumerRequest" (
    "id" UUID NOT NULL,
    "request" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "phoneHash" TEXT,
    "emailHash" TEXT,
    "phoneHint" TEXT,
    "emailHint" TEXT,
    "ip" TEXT NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "leadsRevoked" INTEGER NOT NULL DEFAULT 0,
    "noticesQueued" INTEGER NOT NULL DEFAULT 0,
    "leadsErased" INTEGER NOT NULL DEFAULT 0,
    "noticeIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "suppressedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsumerRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeletionImport" (
    "id" UUID NOT NULL,
    "createdById" UUID,
    "status" TEXT NOT NULL DEFAULT 'running',
    "received" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "notified" INTEGER NOT NULL DEFAULT 0,
    "suppressed" INTEGER NOT NULL DEFAULT 0,
    "badLineCount" INTEGER NOT NULL DEFAULT 0,
    "badLines" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "DeletionImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsumerRequest_ip_createdAt_idx" ON "ConsumerRequest"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "ConsumerRequest_createdAt_idx" ON "ConsumerRequest"("createdAt");

-- CreateIndex
CREATE INDEX "DeletionImport_createdAt_idx" ON "DeletionImport"("createdAt");

-- CreateIndex
CREATE INDEX "Lead_phoneHash_idx" ON "Lead"("phoneHash");

-- CreateIndex
CREATE INDEX "Lead_emailHash_idx" ON "Lead"("emailHash");

-- CreateIndex
CREATE INDEX "Lead_erasedAt_createdAt_idx" ON "Lead"("erasedAt", "createdAt");

-- Backfill the identifier hashes of existing leads (core sha256(), PostgreSQL 11+ and PGlite:
-- no pgcrypto needed). The same rule as lib/consumer/identifiers.ts identifierHash().
UPDATE "Lead" SET "phoneHash" = encode(sha256(convert_to("normalizedPhone", 'UTF8')), 'hex') WHERE "normalizedPhone" IS NOT NULL;
UPDATE "Lead" SET "emailHash" = encode(sha256(convert_to("normalizedEmail", 'UTF8')), 'hex') WHERE "normalizedEmail" IS NOT NULL;
