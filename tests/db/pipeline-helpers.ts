// Shared by the pipeline database tests: requests to the route handlers, fresh consumers.
import { prisma } from "@/lib/db";
import { seedDemo, SPEC_API_KEY } from "@/lib/seed";
import { invalidateCampaignIndex } from "@/lib/pipeline/campaign-index";
import { phoneFormatOk, phoneLooksFake } from "@/lib/pipeline/validate";

export const KEY = SPEC_API_KEY;
const ctx = { params: Promise.resolve({}) };

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(handler: Handler, req: Request): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await handler(req, ctx);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

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

/** Seed 000's ingest example with a fresh consumer. */
export function seed000Lead(over: Record<string, unknown> = {}) {
  return {
    vertical: "home_services",
    subVertical: "plumbing",
    sourceType: "arb_purchase",
    consumerName: "John Smith",
    consumerEmail: freshEmail(),
    consumerPhone: freshPhone(),
    consumerState: "CA",
    consumerZip: "90210",
    consumerCity: "Beverly Hills",
    cost: "28.00",
    leadData: { project_type: "repair", homeowner: true, description: "Leaking kitchen faucet" },
    consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.10.10" },
    ...over,
  };
}

/** Seed 001's "Test Example", verbatim. */
export const SEED_001_EXAMPLE = {
  firstName: "John",
  lastName: "Doe",
  email: "johndoe@example.com",
  phone: "6507769592",
  address: "123 Main St",
  city: "Houston",
  state: "TX",
  zipCode: "77001",
  listId: "94ec4eec-d409-422b-abbd-bd9ee35ce08a",
  campaignId: "your_assigned_campaign_id",
  incomeBracket: "$75,000-$100,000",
  homeownerStatus: "Homeowner",
  dob: "1980-05-15",
  source: "Top of Funnel LLC",
  trustedFormCertUrl: "https://cert.trustedform.com/example",
  token: "be53740f04b40724b950c95d71e2528d",
};
