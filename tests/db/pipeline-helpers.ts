// Shared by the pipeline database tests: the demo world and fresh consumers for the documented bodies.
import { prisma } from "@/lib/db";
import { seedDemo, SPEC_API_KEY } from "@/lib/seed";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { phoneFormatOk, phoneLooksFake } from "@/lib/pipeline/validate";
import { platformExamples } from "@/lib/openapi/examples";

/** seller1's API key in the demo data (the key the compliance endpoint's documented example carries). */
export const KEY = SPEC_API_KEY;

export async function demo() {
  await seedDemo(prisma, { history: false });
  invalidateCampaignIndex();
  const buyers = await prisma.buyer.findMany({ orderBy: { id: "asc" } });
  const sellers = await prisma.seller.findMany({ orderBy: { id: "asc" } });
  const campaigns = await prisma.buyerCampaign.findMany({ orderBy: { id: "asc" } });
  return { buyer1: buyers[0], buyer2: buyers[1], seller1: sellers[0], seller2: sellers[1], campaigns };
}

const used = new Set<string>();
/** A valid phone never handed out before in this process (NANP-valid, not fake-looking). */
export function freshPhone(): string {
  for (;;) {
    const p = `614${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
    if (!used.has(p) && phoneFormatOk(p) && !phoneLooksFake(p)) {
      used.add(p);
      return p;
    }
  }
}

let emailSeq = 0;
export const freshEmail = () => `consumer${Date.now()}${++emailSeq}@gmail.com`;

/**
 * The platform API's documented ingest body (lib/openapi/examples.ts) with a fresh consumer, so
 * the dedupe window never refuses it, and a real consent IP (the documented one is masked).
 */
export function exampleLead(over: Record<string, unknown> = {}) {
  const doc = platformExamples.ingestRequest;
  return {
    ...doc,
    leadData: { ...doc.leadData },
    consent: { ...doc.consent, ip: "73.162.10.10" },
    consumerEmail: freshEmail(),
    consumerPhone: freshPhone(),
    ...over,
  };
}
