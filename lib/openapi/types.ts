// The API's response bodies as TypeScript types, inferred from the zod schemas in ./responses.ts
// (the one definition of each body). Serializers, and the lib functions whose result a route
// handler answers as is (accounts, statements, consumer rights, retention, reports, …), declare
// these as their return types, so a body that adds, drops or retypes a field fails `tsc`;
// dashboard client components use them for what `api()` answers.
//
// Type-only on purpose: both imports below are erased at build time, so importing this module
// (always with `import type`) pulls neither zod nor the schemas into a browser bundle.
import type { z } from "zod";
import type * as R from "./responses";

export type ErrorJson = z.infer<typeof R.ErrorBody>;
export type MessageJson = z.infer<typeof R.MessageBody>;
export type HealthJson = z.infer<typeof R.Health>;

// auth and keys
export type UserJson = z.infer<typeof R.User>;
export type LoginResponseJson = z.infer<typeof R.LoginResponse>;
export type ApiKeyJson = z.infer<typeof R.ApiKey>;
export type ApiKeyCreatedJson = z.infer<typeof R.ApiKeyCreated>;
export type MeResponseJson = z.infer<typeof R.MeResponse>;

// accounts, verticals, intake lists (admin)
export type AdminBuyerJson = z.infer<typeof R.AdminBuyer>;
export type PayoutRuleJson = z.infer<typeof R.PayoutRule>;
export type AdminSellerJson = z.infer<typeof R.AdminSeller>;
export type AdminVerticalJson = z.infer<typeof R.AdminVertical>;
export type AdminIntakeListJson = z.infer<typeof R.AdminIntakeList>;
export type PostingSpecJson = z.infer<typeof R.PostingSpec>;
export type AdminUserJson = z.infer<typeof R.AdminUser>;
export type BuyerAccountJson = z.infer<typeof R.BuyerAccount>;
export type SellerAccountJson = z.infer<typeof R.SellerAccount>;

// seller API
export type PingResponseJson = z.infer<typeof R.PingResponse>;
export type IngestResponseJson = z.infer<typeof R.IngestResponse>;
export type ComplianceSuccessJson = z.infer<typeof R.ComplianceSuccess>;
export type ComplianceFailureJson = z.infer<typeof R.ComplianceFailure>;
export type ComplianceResponseJson = z.infer<typeof R.ComplianceResponse>;

// leads
export type LeadListItemBuyerJson = z.infer<typeof R.LeadListItemBuyer>;
export type LeadListItemSellerJson = z.infer<typeof R.LeadListItemSeller>;
export type LeadListItemAdminJson = z.infer<typeof R.LeadListItemAdmin>;
export type LeadListItemJson = LeadListItemBuyerJson | LeadListItemSellerJson | LeadListItemAdminJson;
export type LeadListJson = z.infer<typeof R.LeadList>;
export type LeadSaleJson = z.infer<typeof R.LeadSale>;
export type LeadDeliveryJson = z.infer<typeof R.LeadDelivery>;
export type LeadDetailBuyerJson = z.infer<typeof R.LeadDetailBuyer>;
export type LeadDetailSellerJson = z.infer<typeof R.LeadDetailSeller>;
export type LeadDetailAdminJson = z.infer<typeof R.LeadDetailAdmin>;
export type LeadDetailJson = z.infer<typeof R.LeadDetail>;

// campaigns
export type CampaignJson = z.infer<typeof R.Campaign>;
export type CampaignListJson = z.infer<typeof R.CampaignList>;
export type CampaignWithSecretJson = z.infer<typeof R.CampaignWithSecret>;
export type RotatedSecretJson = z.infer<typeof R.RotatedSecret>;

// money
export type TransactionJson = z.infer<typeof R.Transaction>;
export type TransactionListJson = z.infer<typeof R.TransactionList>;
export type StatementJson = z.infer<typeof R.Statement>;
export type UnsoldReportRowJson = z.infer<typeof R.UnsoldReportRow>;
export type UnsoldReportJson = z.infer<typeof R.UnsoldReport>;

// deliveries
export type DeliveryAttemptJson = z.infer<typeof R.DeliveryAttempt>;
export type DeliveryJson = z.infer<typeof R.Delivery>;
export type DeliveryListJson = z.infer<typeof R.DeliveryList>;

// suppressions and consumer rights
export type SuppressionJson = z.infer<typeof R.Suppression>;
export type SuppressionListJson = z.infer<typeof R.SuppressionList>;
export type SuppressionImportJson = z.infer<typeof R.SuppressionImport>;
export type OptOutReceiptJson = z.infer<typeof R.OptOutReceipt>;
export type OptOutQueueJson = z.infer<typeof R.OptOutQueue>;
export type DeletionReportJson = z.infer<typeof R.DeletionReport>;
export type DeletionReportListJson = z.infer<typeof R.DeletionReportList>;
export type RetentionSettingsJson = z.infer<typeof R.RetentionSettingsView>;
export type RetentionRunJson = z.infer<typeof R.RetentionRun>;
export type ConsentEvidenceJson = z.infer<typeof R.ConsentEvidence>;
