-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'buyer', 'seller');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('active', 'paused', 'archived');

-- CreateEnum
CREATE TYPE "BidType" AS ENUM ('fixed', 'dynamic');

-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('webhook', 'http_post', 'portal');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('pending', 'sold', 'unsold', 'rejected', 'returned');

-- CreateEnum
CREATE TYPE "SaleStatus" AS ENUM ('pending', 'sold', 'returned');

-- CreateEnum
CREATE TYPE "TransactionType" AS ENUM ('lead_sale', 'lead_purchase', 'return_credit', 'adjustment');

-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('pending', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'in_progress', 'delivered', 'failed', 'dead');

-- CreateEnum
CREATE TYPE "SuppressionKind" AS ENUM ('dnc', 'blacklist');

-- CreateEnum
CREATE TYPE "SuppressionType" AS ENUM ('phone', 'email', 'ip');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "fullName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "buyerId" INTEGER,
    "sellerId" INTEGER,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Buyer" (
    "id" SERIAL NOT NULL,
    "companyName" TEXT NOT NULL,
    "email" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "creditLimit" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Buyer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Seller" (
    "id" SERIAL NOT NULL,
    "companyName" TEXT NOT NULL,
    "email" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Seller_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "buyerId" INTEGER,
    "sellerId" INTEGER,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Vertical" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subVerticals" TEXT[],
    "requiredFields" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vertical_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "IntakeList" (
    "id" UUID NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "vertical" TEXT NOT NULL,
    "subVertical" TEXT,
    "acceptedStates" TEXT[],
    "requiredFields" TEXT[],
    "checks" TEXT[],
    "requireTrustedForm" BOOLEAN NOT NULL DEFAULT false,
    "price" DECIMAL(12,2),
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuyerCampaign" (
    "id" SERIAL NOT NULL,
    "buyerId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "vertical" TEXT NOT NULL,
    "subVertical" TEXT,
    "geoStates" TEXT[],
    "geoZips" TEXT[],
    "sourceListIds" TEXT[],
    "filters" JSONB NOT NULL DEFAULT '[]',
    "pricePerLead" DECIMAL(12,2) NOT NULL,
    "bidType" "BidType" NOT NULL DEFAULT 'fixed',
    "pingUrl" TEXT,
    "dailyCap" INTEGER,
    "hourlyCap" INTEGER,
    "weeklyCap" INTEGER,
    "monthlyCap" INTEGER,
    "dailyBudget" DECIMAL(12,2),
    "schedule" JSONB,
    "deliveryMethod" "DeliveryMethod" NOT NULL DEFAULT 'portal',
    "deliveryConfig" JSONB NOT NULL DEFAULT '{}',
    "webhookSecret" TEXT,
    "pingPostEnabled" BOOLEAN NOT NULL DEFAULT false,
    "exclusive" BOOLEAN NOT NULL DEFAULT false,
    "returnWindowHours" INTEGER NOT NULL DEFAULT 48,
    "returnCapPercent" INTEGER,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "status" "CampaignStatus" NOT NULL DEFAULT 'active',
    "autoPausedAt" TIMESTAMP(3),
    "autoPausedReason" TEXT,
    "failureStreak" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "BuyerCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignCounter" (
    "campaignId" INTEGER NOT NULL,
    "bucket" TEXT NOT NULL,
    "leads" INTEGER NOT NULL DEFAULT 0,
    "spend" DECIMAL(12,2) NOT NULL DEFAULT 0,

    CONSTRAINT "CampaignCounter_pkey" PRIMARY KEY ("campaignId","bucket")
);

-- CreateTable
CREATE TABLE "Ping" (
    "id" UUID NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "vertical" TEXT NOT NULL,
    "subVertical" TEXT,
    "consumerState" TEXT,
    "consumerZip" TEXT,
    "leadData" JSONB NOT NULL DEFAULT '{}',
    "bidPrice" DECIMAL(12,2) NOT NULL,
    "exclusiveBidPrice" DECIMAL(12,2) NOT NULL,
    "matchCount" INTEGER NOT NULL,
    "bids" JSONB NOT NULL DEFAULT '[]',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "leadId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" SERIAL NOT NULL,
    "sellerId" INTEGER NOT NULL,
    "intakeListId" UUID,
    "pingId" UUID,
    "externalCampaignId" TEXT,
    "sourceType" TEXT,
    "source" TEXT,
    "vertical" TEXT NOT NULL,
    "subVertical" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "consumerName" TEXT,
    "consumerEmail" TEXT,
    "consumerPhone" TEXT,
    "consumerState" TEXT,
    "consumerZip" TEXT,
    "consumerCity" TEXT,
    "consumerAddress" TEXT,
    "dob" TEXT,
    "ageRange" TEXT,
    "incomeBracket" TEXT,
    "homeownerStatus" TEXT,
    "normalizedPhone" TEXT,
    "normalizedEmail" TEXT,
    "ipAddress" TEXT,
    "trustedFormCertUrl" TEXT,
    "leadData" JSONB NOT NULL DEFAULT '{}',
    "consent" JSONB NOT NULL DEFAULT '{}',
    "status" "LeadStatus" NOT NULL,
    "rejectionReasons" TEXT[],
    "failedSources" TEXT[],
    "unsoldReasons" JSONB NOT NULL DEFAULT '[]',
    "matchCount" INTEGER NOT NULL DEFAULT 0,
    "qualityScore" INTEGER NOT NULL DEFAULT 0,
    "revenue" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "cost" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "margin" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "buyerId" INTEGER,
    "campaignId" INTEGER,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "soldAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DedupeFingerprint" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "leadId" INTEGER NOT NULL,
    "lastAcceptedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DedupeFingerprint_pkey" PRIMARY KEY ("kind","value")
);

-- CreateTable
CREATE TABLE "LeadSale" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "buyerId" INTEGER NOT NULL,
    "price" DECIMAL(12,2) NOT NULL,
    "exclusive" BOOLEAN NOT NULL DEFAULT false,
    "status" "SaleStatus" NOT NULL DEFAULT 'sold',
    "buyerLeadId" TEXT,
    "returnDeadline" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadSale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadReturn" (
    "id" SERIAL NOT NULL,
    "saleId" INTEGER NOT NULL,
    "leadId" INTEGER NOT NULL,
    "buyerId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "creditAmount" DECIMAL(12,2) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Transaction" (
    "id" SERIAL NOT NULL,
    "type" "TransactionType" NOT NULL,
    "leadId" INTEGER,
    "saleId" INTEGER,
    "buyerId" INTEGER,
    "sellerId" INTEGER,
    "amount" DECIMAL(12,2) NOT NULL,
    "status" "TransactionStatus" NOT NULL DEFAULT 'completed',
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "saleId" INTEGER,
    "leadId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "buyerId" INTEGER NOT NULL,
    "method" "DeliveryMethod" NOT NULL,
    "target" TEXT,
    "messageId" UUID NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 7,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "requestUrl" TEXT,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" SERIAL NOT NULL,
    "kind" "SuppressionKind" NOT NULL,
    "type" "SuppressionType" NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT,
    "reason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorUserId" UUID,
    "actorApiKeyId" UUID,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_buyerId_idx" ON "User"("buyerId");

-- CreateIndex
CREATE INDEX "User_sellerId_idx" ON "User"("sellerId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_buyerId_idx" ON "ApiKey"("buyerId");

-- CreateIndex
CREATE INDEX "ApiKey_sellerId_idx" ON "ApiKey"("sellerId");

-- CreateIndex
CREATE INDEX "LoginAttempt_username_createdAt_idx" ON "LoginAttempt"("username", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE INDEX "IntakeList_sellerId_idx" ON "IntakeList"("sellerId");

-- CreateIndex
CREATE INDEX "BuyerCampaign_vertical_status_idx" ON "BuyerCampaign"("vertical", "status");

-- CreateIndex
CREATE INDEX "BuyerCampaign_buyerId_idx" ON "BuyerCampaign"("buyerId");

-- CreateIndex
CREATE UNIQUE INDEX "Ping_leadId_key" ON "Ping"("leadId");

-- CreateIndex
CREATE INDEX "Ping_sellerId_createdAt_idx" ON "Ping"("sellerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_pingId_key" ON "Lead"("pingId");

-- CreateIndex
CREATE INDEX "Lead_sellerId_createdAt_idx" ON "Lead"("sellerId", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_buyerId_createdAt_idx" ON "Lead"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_normalizedPhone_createdAt_idx" ON "Lead"("normalizedPhone", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_normalizedEmail_createdAt_idx" ON "Lead"("normalizedEmail", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_status_createdAt_idx" ON "Lead"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_createdAt_idx" ON "Lead"("createdAt");

-- CreateIndex
CREATE INDEX "LeadSale_buyerId_createdAt_idx" ON "LeadSale"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "LeadSale_campaignId_createdAt_idx" ON "LeadSale"("campaignId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LeadSale_leadId_campaignId_key" ON "LeadSale"("leadId", "campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "LeadReturn_saleId_key" ON "LeadReturn"("saleId");

-- CreateIndex
CREATE INDEX "LeadReturn_buyerId_createdAt_idx" ON "LeadReturn"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_buyerId_createdAt_idx" ON "Transaction"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_sellerId_createdAt_idx" ON "Transaction"("sellerId", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_leadId_idx" ON "Transaction"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_messageId_key" ON "Delivery"("messageId");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_leadId_idx" ON "Delivery"("leadId");

-- CreateIndex
CREATE INDEX "Delivery_buyerId_createdAt_idx" ON "Delivery"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_idx" ON "DeliveryAttempt"("deliveryId");

-- CreateIndex
CREATE INDEX "Suppression_type_value_idx" ON "Suppression"("type", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Suppression_kind_type_value_key" ON "Suppression"("kind", "type", "value");

-- CreateIndex
CREATE INDEX "AuditLog_action_createdAt_idx" ON "AuditLog"("action", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeList" ADD CONSTRAINT "IntakeList_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntakeList" ADD CONSTRAINT "IntakeList_vertical_fkey" FOREIGN KEY ("vertical") REFERENCES "Vertical"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerCampaign" ADD CONSTRAINT "BuyerCampaign_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerCampaign" ADD CONSTRAINT "BuyerCampaign_vertical_fkey" FOREIGN KEY ("vertical") REFERENCES "Vertical"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignCounter" ADD CONSTRAINT "CampaignCounter_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "BuyerCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ping" ADD CONSTRAINT "Ping_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_intakeListId_fkey" FOREIGN KEY ("intakeListId") REFERENCES "IntakeList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "BuyerCampaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSale" ADD CONSTRAINT "LeadSale_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSale" ADD CONSTRAINT "LeadSale_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "BuyerCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSale" ADD CONSTRAINT "LeadSale_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReturn" ADD CONSTRAINT "LeadReturn_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "LeadSale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReturn" ADD CONSTRAINT "LeadReturn_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadReturn" ADD CONSTRAINT "LeadReturn_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "LeadSale"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Seller"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "LeadSale"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "BuyerCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The ledger is append-only: corrections are new rows. Enforced by the database
-- so no code path (or manual query) can rewrite money history. TRUNCATE (tests) is not affected.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger rows are immutable: % on "Transaction" refused', TG_OP USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transaction_append_only
  BEFORE UPDATE OR DELETE ON "Transaction"
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
