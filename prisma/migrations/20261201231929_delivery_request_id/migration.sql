-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "requestId" VARCHAR(128);

-- CreateIndex
CREATE INDEX "DeliveryAttempt_startedAt_idx" ON "DeliveryAttempt"("startedAt");
