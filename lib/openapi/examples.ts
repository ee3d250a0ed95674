// Request and response examples as the two documents we integrate with print them: `platformExamples`
// is the platform API's documentation, `complianceExamples` the lead compliance endpoint's. The contract test
// sends these very bodies to the real route handlers. Where such a printed response leaves fields
// out (or writes a placeholder), `documented` below completes it into what the server really
// answers; the OpenAPI document uses those, and a test validates every one against its schema.
// (Literals rather than imports from lib/seed.ts, which pulls in the password hasher; a unit
// test checks they equal the demo data's.)

/** The 12 states the compliance endpoint accepts. */
export const SPEC_STATES = ["AL", "AR", "AZ", "IN", "KS", "LA", "MO", "MS", "OH", "SC", "TN", "TX"];
export const SPEC_API_KEY = "be53740f04b40724b950c95d71e2528d";
export const SPEC_LIST_ID = "94ec4eec-d409-422b-abbd-bd9ee35ce08a";

export const platformExamples = {
  loginRequest: { username: "your_username", password: "your_password" },
  loginResponse: {
    user: { id: "uuid", username: "your_username", role: "buyer", fullName: "Your Name", email: "you@company.com" },
  },
  pingRequest: {
    vertical: "home_services",
    subVertical: "plumbing",
    consumerState: "CA",
    consumerZip: "90210",
    leadData: { homeowner: true, project_type: "repair" },
  },
  pingResponse: {
    pingId: "550e8400-e29b-41d4-a716-446655440000",
    bidPrice: 45.0,
    exclusiveBidPrice: 67.5,
    expiresInSeconds: 120,
    matchCount: 3,
  },
  ingestRequest: {
    vertical: "home_services",
    subVertical: "plumbing",
    sourceType: "arb_purchase",
    consumerName: "John Smith",
    consumerEmail: "john@example.com",
    consumerPhone: "3105551234",
    consumerState: "CA",
    consumerZip: "90210",
    consumerCity: "Beverly Hills",
    cost: "28.00",
    leadData: { project_type: "repair", homeowner: true, description: "Leaking kitchen faucet" },
    consent: { text: "By submitting this form, I agree...", timestamp: "2026-03-03T10:30:00Z", ip: "73.162.xxx.xxx" },
  },
  ingestResponse: {
    success: true,
    leadId: 1234,
    status: "sold",
    revenue: 55.0,
    cost: 28.0,
    margin: 27.0,
    buyerId: 5,
    matchCount: 3,
  },
  leadList: [
    {
      id: 1234,
      vertical: "home_services",
      status: "sold",
      consumerName: "John Smith",
      consumerState: "CA",
      consumerZip: "90210",
      revenue: "55.00",
      qualityScore: 85,
      createdAt: "2026-03-03T10:30:15Z",
    },
  ],
  returnRequest: { reason: "disconnected_phone" },
  returnResponse: { message: "Lead returned successfully" },
  campaignList: [
    {
      id: 1,
      buyerId: 5,
      name: "CA Auto Insurance - Exclusive",
      vertical: "auto_insurance",
      geoTargets: { states: ["CA", "NV", "AZ"] },
      pricePerLead: "72.00",
      dailyCap: 50,
      status: "active",
      priority: 3,
    },
  ],
  campaignCreateRequest: {
    buyerId: 5,
    name: "New Campaign",
    vertical: "home_services",
    geoTargets: { states: ["CA", "TX"] },
    pricePerLead: "55.00",
    bidType: "fixed",
    dailyCap: 40,
    deliveryMethod: "webhook",
    pingPostEnabled: true,
    exclusive: false,
    returnWindowHours: 48,
    priority: 2,
  },
  campaignCreateResponse: { id: 10, buyerId: 5, name: "New Campaign", status: "active" },
  transactionList: [
    {
      id: 100,
      type: "lead_sale",
      leadId: 1234,
      buyerId: 5,
      amount: "55.00",
      status: "completed",
      createdAt: "2026-03-03T10:30:15Z",
    },
  ],
} as const;

/** The platform API documentation's "Rejection Reason Codes" table, verbatim. */
export const platformRejectionCodes: [string, string][] = [
  ["invalid_phone_format", "Phone number is not a valid 10 or 11 digit number"],
  ["fake_phone_number", "Phone number is a known test/fake number"],
  ["invalid_email_format", "Email address does not pass format validation"],
  ["disposable_email", "Email uses a known disposable/temporary email provider"],
  ["duplicate_lead", "Lead matches an existing record within the dedupe window"],
  ["missing_field_*", "A required field for the vertical schema is missing"],
];

export const complianceExamples = {
  testExample: {
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
  },
  success: {
    success: true,
    lead_id: "abc123def456",
    data: {
      id: "abc123def456",
      first_name: "John",
      last_name: "Doe",
      phone: "6507769592",
      email: "johndoe@example.com",
      created_at: "2025-05-29T15:26:37-07:00",
    },
    bid: 0.35,
  },
  failure: {
    success: false,
    bid: 0.0,
    error: "Phone number failed compliance check with: TCPA, Phone Validation",
    details: {
      failedSources: ["TCPA", "Phone Validation"],
      reasons: ["Number on Do Not Call registry", "Disconnected number"],
      phoneNumber: "6507769592",
    },
  },
  /** Required fields table: field, description, example. */
  requiredFields: [
    ["firstName", "First name of the lead", '"John"'],
    ["lastName", "Last name of the lead", '"Doe"'],
    ["email", "Valid email address", '"johndoe@example.com"'],
    ["phone", "Phone number (10 digits)", '"6507769592"'],
    ["zipCode", "5-digit ZIP code", '"94025"'],
    ["trustedFormCertUrl", "TrustedForm certificate URL", '"https://cert.trustedform.com/..."'],
    ["listId", "Your assigned list ID", '"94ec4eec-d409-422b-abbd-bd9ee35ce08a"'],
    ["campaignId", "Your assigned campaign ID", '"your_assigned_campaign_id"'],
    ["incomeBracket", "Income range of the lead", '"$50,000-$75,000"'],
    ["state", "Two-letter state code", '"TX"'],
    ["homeownerStatus", "Housing status", '"Homeowner" or "Renter"'],
    ["ageRange or dob", "Age range or full DOB", '"35-44" or "1985-06-15"'],
  ] as [string, string, string][],
  optionalFields: [
    ["address", "Street address", '"123 Main St"'],
    ["city", "City name", '"Menlo Park"'],
    ["cadenceId", "Optional cadence ID", '"your_cadence_id"'],
    ["source", "Lead source information", '"Top of Funnel LLC"'],
    ["customFields", "Any additional data as JSON object", '{"utm_source": "facebook"}'],
  ] as [string, string, string][],
} as const;

const EXAMPLE_TIME = "2026-03-03T10:30:15.000Z";

/** A campaign in full, as GET /api/buyer-campaigns answers it: the printed list entry plus every other setting. */
const fullCampaign = {
  ...platformExamples.campaignList[0],
  geoTargets: { states: ["CA", "NV", "AZ"], zips: [] },
  subVertical: null,
  sourceListIds: [],
  filters: [],
  bidType: "fixed",
  pingUrl: null,
  hourlyCap: null,
  weeklyCap: null,
  monthlyCap: null,
  dailyBudget: null,
  schedule: null,
  deliveryMethod: "portal",
  deliveryConfig: null,
  hasWebhookSecret: false,
  pingPostEnabled: true,
  exclusive: true,
  returnWindowHours: 48,
  returnCapPercent: null,
  autoPausedAt: null,
  autoPausedReason: null,
  createdAt: EXAMPLE_TIME,
  updatedAt: EXAMPLE_TIME,
  archivedAt: null,
};

/** The printed responses, completed into what the server answers (every field, real ids and timestamps). */
export const documented = {
  loginResponse: {
    user: { ...platformExamples.loginResponse.user, id: "6c1f2a9e-3b7d-4e58-9a40-1d2c3b4a5f60", buyerId: 5 },
  },
  leadList: platformExamples.leadList.map((l) => ({ ...l, consentRevokedAt: null, erasedAt: null })),
  campaignList: [fullCampaign],
  campaignCreateResponse: {
    ...fullCampaign,
    ...platformExamples.campaignCreateResponse,
    vertical: platformExamples.campaignCreateRequest.vertical,
    geoTargets: { ...platformExamples.campaignCreateRequest.geoTargets, zips: [] },
    pricePerLead: platformExamples.campaignCreateRequest.pricePerLead,
    dailyCap: platformExamples.campaignCreateRequest.dailyCap,
    deliveryMethod: platformExamples.campaignCreateRequest.deliveryMethod,
    hasWebhookSecret: true,
    exclusive: platformExamples.campaignCreateRequest.exclusive,
    priority: platformExamples.campaignCreateRequest.priority,
    webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  },
  transactionList: platformExamples.transactionList.map((t) => ({ ...t, sellerId: null, saleId: 77, note: null })),
  /** The server writes created_at in UTC (`Z`); the compliance document's example prints a -07:00 offset. */
  complianceSuccess: {
    ...complianceExamples.success,
    data: { ...complianceExamples.success.data, created_at: "2025-05-29T22:26:37.000Z" },
  },
};
