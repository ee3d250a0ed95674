-- Seller payouts become the marketplace's decision (issue 15): a payout rule per seller, with an
-- optional override per intake list. A list's old "price" (paid when the post named no cost)
-- becomes that list's fixed-price rule, so existing lists keep paying what they paid.

-- CreateEnum
CREATE TYPE "PayoutRuleKind" AS ENUM ('fixed', 'share', 'as_stated');

-- AlterTable
ALTER TABLE "IntakeList" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "payoutAllowLoss" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "payoutAmount" DECIMAL(12,2),
ADD COLUMN     "payoutKind" "PayoutRuleKind",
ADD COLUMN     "payoutShareBps" INTEGER;

UPDATE "IntakeList" SET "payoutKind" = 'fixed', "payoutAmount" = "price" WHERE "price" IS NOT NULL;

ALTER TABLE "IntakeList" DROP COLUMN "price";

-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "payoutAllowLoss" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "payoutAmount" DECIMAL(12,2),
ADD COLUMN     "payoutKind" "PayoutRuleKind",
ADD COLUMN     "payoutShareBps" INTEGER;

-- AlterTable
ALTER TABLE "Vertical" ADD COLUMN     "archivedAt" TIMESTAMP(3);
