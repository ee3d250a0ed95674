// Consumer-rights request bodies and queries (public opt-out, admin queue, retention).
import { z } from "zod";

const identifier = (what: string) => z.string().max(254, "at most 254 characters").optional().describe(what);

export const OptOutBody = z
  .strictObject({
    phone: identifier("US phone number, any punctuation (10 digits, or 11 with a leading 1)"),
    email: identifier("Email address"),
    request: z
      .enum(["stop_contact", "delete"], { error: "must be stop_contact or delete" })
      .describe("stop_contact: revoke consent and never contact me; delete: also erase my data"),
  })
  .describe("A consumer's opt-out: at least one of phone and email");
export type OptOutBody = z.infer<typeof OptOutBody>;

export const AdminOptOutBody = OptOutBody.extend({
  note: z.string().trim().max(500).optional().describe("How the request arrived (phone call, letter...)"),
}).describe("An opt-out received by phone or mail, entered on the consumer's behalf");

export const OptOutListQuery = z
  .object({
    limit: z.coerce
      .number({ error: "must be a number" })
      .int("must be an integer")
      .min(1)
      .max(200)
      .default(50)
      .describe("Page size (1-200)"),
    cursor: z
      .uuid({ error: "must be a request id from the previous page" })
      .optional()
      .describe("The last id of the previous page"),
  })
  .describe("The opt-out queue, newest first");
