// Verticals and intake lists, and the posting specification sellers download.
import { z } from "zod";
import type { OperationSpec, ParamSpec } from "../builder";
import { BASE_URL, KEY_OR_SESSION, errors, uuidParam } from "../common";
import { AdminIntakeList, AdminIntakeListList, AdminVertical, AdminVerticalList, PostingSpec } from "../responses";
import {
  CreateIntakeListBody,
  CreateVerticalBody,
  IntakeListQuery,
  SpecQuery,
  UpdateIntakeListBody,
  UpdateVerticalBody,
  VerticalListQuery,
} from "../../validation/catalog";

const ADMIN = ["admin"] as const;
const TAG = "Admin: verticals & intake lists";
const keyParam: ParamSpec = {
  name: "key",
  description: "The vertical's key",
  schema: z.string(),
  example: "home_services",
};
const LIST_EXAMPLE = {
  sellerId: 2,
  name: "BlueSky - TX roofing",
  vertical: "home_services",
  subVertical: "roofing",
  acceptedStates: ["TX", "OK"],
  requiredFields: ["consumerZip"],
  checks: ["tcpa_dnc", "duplicate", "state"],
  requireTrustedForm: false,
  payoutRule: { kind: "fixed", amount: "18.50" },
};
const ANNOUNCED = "Every change is audited and reaches every app instance's campaign index at once.";

export const catalogOperations: OperationSpec[] = [
  {
    method: "post",
    path: "/api/admin/verticals",
    operationId: "createVertical",
    tag: TAG,
    summary: "Create a vertical",
    description: `The key is permanent: a key in use (or archived) is never given to another vertical (409). ${ANNOUNCED}`,
    roles: [...ADMIN],
    security: ["session"],
    body: {
      schema: CreateVerticalBody,
      example: {
        key: "pet_insurance",
        name: "Pet insurance",
        subVerticals: ["dog", "cat"],
        requiredFields: ["consumerName", "consumerPhone", "consumerState"],
      },
    },
    responses: { 201: { description: "The vertical", schema: AdminVertical }, ...errors(400, 401, 403, 409) },
  },
  {
    method: "get",
    path: "/api/admin/verticals",
    operationId: "listVerticals",
    tag: TAG,
    summary: "List verticals",
    roles: [...ADMIN],
    security: ["session"],
    query: VerticalListQuery,
    responses: { 200: { description: "Verticals", schema: AdminVerticalList }, ...errors(400, 401, 403) },
  },
  {
    method: "get",
    path: "/api/admin/verticals/{key}",
    operationId: "getVertical",
    tag: TAG,
    summary: "One vertical",
    roles: [...ADMIN],
    security: ["session"],
    pathParams: [keyParam],
    responses: { 200: { description: "The vertical", schema: AdminVertical }, ...errors(401, 403, 404) },
  },
  {
    method: "patch",
    path: "/api/admin/verticals/{key}",
    operationId: "updateVertical",
    tag: TAG,
    summary: "Edit or archive a vertical",
    description: `Archiving is refused (409) while an active list or campaign uses the vertical; removing a sub-vertical a list uses is refused too. ${ANNOUNCED}`,
    roles: [...ADMIN],
    security: ["session"],
    pathParams: [keyParam],
    body: {
      schema: UpdateVerticalBody,
      example: {
        name: "Home services",
        subVerticals: ["plumbing", "roofing", "hvac", "electrical", "windows", "solar_install", "gutters"],
      },
    },
    responses: { 200: { description: "The vertical", schema: AdminVertical }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: "post",
    path: "/api/admin/intake-lists",
    operationId: "createIntakeList",
    tag: TAG,
    summary: "Create a seller's intake list",
    description: `The vertical must exist (and the sub-vertical be one of its own); states are two-letter US codes. payoutRule overrides the seller's rule for posts to this list. ${ANNOUNCED}`,
    roles: [...ADMIN],
    security: ["session"],
    body: { schema: CreateIntakeListBody, example: LIST_EXAMPLE },
    responses: { 201: { description: "The list", schema: AdminIntakeList }, ...errors(400, 401, 403) },
  },
  {
    method: "get",
    path: "/api/admin/intake-lists",
    operationId: "listIntakeLists",
    tag: TAG,
    summary: "List intake lists",
    roles: [...ADMIN],
    security: ["session"],
    query: IntakeListQuery,
    responses: {
      200: { description: "Intake lists (archived ones only with includeArchived=true)", schema: AdminIntakeListList },
      ...errors(400, 401, 403),
    },
  },
  {
    method: "get",
    path: "/api/admin/intake-lists/{id}",
    operationId: "getIntakeList",
    tag: TAG,
    summary: "One intake list",
    roles: [...ADMIN],
    security: ["session"],
    pathParams: [uuidParam("intake list")],
    responses: { 200: { description: "The list", schema: AdminIntakeList }, ...errors(401, 403, 404) },
  },
  {
    method: "patch",
    path: "/api/admin/intake-lists/{id}",
    operationId: "updateIntakeList",
    tag: TAG,
    summary: "Edit, pause or archive an intake list",
    description: `The owner and vertical cannot change (archive the list and create another). An archived list takes no posts (404) and is hidden from its seller; its leads keep referring to it. ${ANNOUNCED}`,
    roles: [...ADMIN],
    security: ["session"],
    pathParams: [uuidParam("intake list")],
    body: {
      schema: UpdateIntakeListBody,
      example: { acceptedStates: ["TX", "OK", "LA"], payoutRule: { kind: "share", sharePercent: "40" } },
    },
    responses: { 200: { description: "The list", schema: AdminIntakeList }, ...errors(400, 401, 403, 404) },
  },
  {
    method: "get",
    path: "/api/intake-lists/{id}/spec",
    operationId: "intakeListSpec",
    tag: "Lead submission (seller API)",
    summary: "An intake list's posting specification",
    description:
      "What to send to this list: fields with types and which are required, accepted states, the checks that run, the payout, an example request, the documented responses and a curl command. Generated from the schemas the API validates with. Markdown by default (a download), `format=html` or `format=json`. Sellers: their own lists only (another seller's is 404).",
    roles: ["seller", "admin"],
    security: KEY_OR_SESSION,
    pathParams: [uuidParam("intake list")],
    query: SpecQuery,
    responses: {
      200: {
        description: "The specification (text/markdown by default; text/html or application/json by format)",
        schema: z.string(),
        contentType: "text/markdown",
        alternatives: [
          { contentType: "text/html", schema: z.string() },
          { contentType: "application/json", schema: PostingSpec },
        ],
      },
      ...errors(400, 401, 403, 404),
    },
    curl: `curl -sS -OJ "${BASE_URL}/api/intake-lists/94ec4eec-d409-422b-abbd-bd9ee35ce08a/spec" -H "Authorization: Bearer $TITAN_API_KEY"`,
  },
];
