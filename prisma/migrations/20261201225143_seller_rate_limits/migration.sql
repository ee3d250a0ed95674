-- AlterTable
ALTER TABLE "Seller" ADD COLUMN     "rateLimitPerSecond" INTEGER;

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "window" BIGINT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("key","window")
);
