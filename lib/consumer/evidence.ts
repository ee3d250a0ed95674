// Consent evidence of one lead (TCPA: kept 5 years by default, lib/consumer/retention.ts), for the
// admins and for the buyer who bought the lead; anyone else gets 404.
import "server-only";
import { prisma } from "../db";
import { notFound, notYours, type Viewer } from "../auth/ownership";
import { getRetention } from "./retention";
import type { ConsentEvidenceJson } from "../openapi/types";

export async function getConsentEvidence(viewer: Viewer, leadId: number): Promise<ConsentEvidenceJson> {
  const lead = await prisma.lead.findUnique({
    where: { id: leadId },
    select: {
      id: true,
      consent: true,
      ipAddress: true,
      trustedFormCertUrl: true,
      rejectionReasons: true,
      createdAt: true,
      consentRevokedAt: true,
      erasedAt: true,
      consentErasedAt: true,
      erasureReason: true,
    },
  });
  if (!lead) throw notFound("lead", leadId);
  if (viewer.role !== "admin") {
    const bought =
      viewer.role === "buyer" && viewer.buyerId != null
        ? await prisma.leadSale.findFirst({ where: { leadId, buyerId: viewer.buyerId }, select: { id: true } })
        : null;
    if (!bought) throw notYours(viewer, "lead", leadId);
  }
  const c = (lead.consent ?? {}) as { text?: string; timestamp?: string; ip?: string; trustedFormCertUrl?: string };
  const { consentDays } = await getRetention();
  const certUrl = c.trustedFormCertUrl ?? lead.trustedFormCertUrl ?? null;
  return {
    leadId: lead.id,
    text: c.text ?? null,
    timestamp: c.timestamp ?? null,
    ip: c.ip ?? lead.ipAddress ?? null,
    trustedFormCertUrl: certUrl,
    // The pipeline records a failed claim as a rejection reason; a lead that passed was claimed
    // (when a TrustedForm API is configured) or carried a well-formed certificate URL.
    trustedFormClaim: lead.rejectionReasons.includes("trustedform_claim_failed")
      ? "failed"
      : certUrl
        ? "passed"
        : "none",
    capturedAt: lead.createdAt.toISOString(),
    consentRevokedAt: lead.consentRevokedAt?.toISOString() ?? null,
    erasedAt: lead.erasedAt?.toISOString() ?? null,
    evidenceErasedAt: lead.consentErasedAt?.toISOString() ?? null,
    keptUntil:
      consentDays && !lead.consentErasedAt
        ? new Date(lead.createdAt.getTime() + consentDays * 86_400_000).toISOString()
        : null,
  };
}
