// The seller API's response bodies, exactly as documented: the platform API's ping and ingest
// responses, and the compliance endpoint's (POST /api/leads) success and failure bodies.
import { centsToNumber } from "../money";
import type {
  ComplianceFailureJson,
  ComplianceResponseJson,
  IngestResponseJson,
  PingResponseJson,
} from "../openapi/types";
import type { PipelineOutcome, PingOutcome } from "../pipeline";
import { describeRejection } from "../pipeline/reasons";

export function serializePing(p: PingOutcome): PingResponseJson {
  return {
    pingId: p.pingId,
    bidPrice: centsToNumber(p.bidCents),
    exclusiveBidPrice: centsToNumber(p.exclusiveBidCents),
    expiresInSeconds: p.expiresInSeconds,
    matchCount: p.matchCount,
  };
}

export function serializeIngest(o: PipelineOutcome): IngestResponseJson {
  return {
    success: o.status !== "rejected",
    leadId: o.leadId,
    status: o.status,
    revenue: centsToNumber(o.revenueCents),
    cost: centsToNumber(o.costCents),
    margin: centsToNumber(o.revenueCents - o.costCents),
    buyerId: o.buyerId,
    matchCount: o.matchCount,
    // Additive: why it was rejected / why each campaign did not buy.
    ...(o.status === "rejected" ? { rejectionReasons: o.rejectionReasons, reasons: o.rejectionReasons } : {}),
    ...(o.status === "unsold"
      ? { unsoldReasons: o.unsoldReasons.map(({ campaignId, reason }) => ({ campaignId, reason })) }
      : {}),
    ...(o.test ? { test: true } : {}),
  };
}

/** The compliance endpoint's failure body, also used for 401 and bad requests. */
export function complianceFailure(
  sources: string[],
  reasons: string[],
  phoneNumber: string | null,
  codes?: string[],
): ComplianceFailureJson {
  return {
    success: false,
    bid: 0,
    error: `Phone number failed compliance check with: ${sources.join(", ")}`,
    details: { failedSources: sources, reasons, phoneNumber, ...(codes ? { codes } : {}) },
  };
}

export function serializeCompliance(o: PipelineOutcome): ComplianceResponseJson {
  const phone = o.lead.consumerPhone ?? null;
  if (o.status === "rejected") {
    return complianceFailure(
      o.failedSources,
      o.rejectionReasons.map((c) => describeRejection(c).message),
      phone,
      o.rejectionReasons,
    );
  }
  if (o.status === "unsold") {
    const codes = [...new Set(o.unsoldReasons.map((r) => r.reason))];
    return complianceFailure(
      ["Buyer Match"],
      [codes.length ? `No buyer accepted the lead (${codes.join(", ")})` : "No buyer campaign matches this lead"],
      phone,
      codes.length ? codes : ["no_matching_campaign"],
    );
  }
  const id = String(o.leadId);
  return {
    success: true,
    lead_id: id,
    data: {
      id,
      first_name: o.lead.firstName ?? null,
      last_name: o.lead.lastName ?? null,
      phone,
      email: o.lead.consumerEmail ?? null,
      created_at: o.createdAt.toISOString(),
    },
    bid: centsToNumber(o.costCents),
    ...(o.test ? { test: true } : {}),
  };
}
