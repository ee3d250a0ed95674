// Deliveries to buyers and webhook secrets.
import type { OperationSpec } from "../builder";
import { KEY_OR_SESSION, curlGet, errors, idParam } from "../common";
import { Delivery, DeliveryList, RotatedSecret } from "../responses";
import { listDeliveriesQuery } from "../../validation/delivery";

export const deliveryOperations: OperationSpec[] = [
  {
    method: "get",
    path: "/api/deliveries",
    operationId: "listDeliveries",
    tag: "Deliveries",
    summary: "List deliveries",
    description:
      "Queued and past deliveries of sold leads to buyers (webhook or the buyer's own lead API), newest first. A delivery is retried with backoff (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h) and marked dead after the last attempt.",
    roles: ["buyer", "admin"],
    security: KEY_OR_SESSION,
    query: listDeliveriesQuery,
    responses: {
      200: { description: "Deliveries and the next page's cursor", schema: DeliveryList },
      ...errors(400, 401, 403),
    },
    curl: curlGet("/api/deliveries?status=dead"),
  },
  {
    method: "get",
    path: "/api/deliveries/{id}",
    operationId: "getDelivery",
    tag: "Deliveries",
    summary: "One delivery with every attempt",
    roles: ["buyer", "admin"],
    security: KEY_OR_SESSION,
    pathParams: [idParam("delivery", 1)],
    responses: {
      200: { description: "The delivery and its attempts (status, latency, trimmed response)", schema: Delivery },
      ...errors(401, 403, 404),
    },
  },
  {
    method: "post",
    path: "/api/deliveries/{id}/replay",
    operationId: "replayDelivery",
    tag: "Deliveries",
    summary: "Replay a dead or failed delivery",
    description: "Puts it back in the queue, due now, with a fresh allowance of attempts.",
    roles: ["buyer", "admin"],
    security: KEY_OR_SESSION,
    pathParams: [idParam("delivery", 1)],
    responses: {
      200: { description: "The queued delivery", schema: Delivery },
      ...errors(401, 403, 404, [
        409,
        "conflict",
        "Only dead or failed deliveries can be replayed; this one is delivered",
        "Not dead or failed",
      ]),
    },
  },
  {
    method: "post",
    path: "/api/buyer-campaigns/{id}/rotate-secret",
    operationId: "rotateWebhookSecret",
    tag: "Campaigns",
    summary: "Rotate a campaign's webhook signing secret",
    description:
      'A new Standard Webhooks secret ("whsec_…"), returned once; the previous secret stops verifying at once. Webhooks carry webhook-id, webhook-timestamp and webhook-signature (HMAC-SHA256) headers.',
    roles: ["buyer", "admin"],
    security: KEY_OR_SESSION,
    pathParams: [idParam("campaign", 1)],
    responses: { 200: { description: "The new secret", schema: RotatedSecret }, ...errors(401, 403, 404) },
  },
];
