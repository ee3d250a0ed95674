import { describe, expect, it } from "vitest";
import { normalizeLead } from "./normalize";
import {
  validateLead,
  missingFields,
  phoneFormatOk,
  phoneLooksFake,
  isDisposableEmail,
  emailFormatOk,
} from "./validate";
import { describeRejection } from "./reasons";

const base = {
  consumerName: "Ann Lee",
  consumerPhone: "6145552368",
  consumerEmail: "ann@gmail.com",
  consumerState: "OH",
  consumerZip: "43004",
};
const REQUIRED = ["consumerName", "consumerPhone", "consumerState", "consumerZip"];

describe("validateLead: every rejection code", () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ["valid lead", {}, []],
    ["9 digits", { consumerPhone: "614555236" }, ["invalid_phone_format"]],
    ["12 digits", { consumerPhone: "161455523680" }, ["invalid_phone_format"]],
    ["11 digits not starting with 1", { consumerPhone: "26145552368" }, ["invalid_phone_format"]],
    ["area code starts with 0", { consumerPhone: "0145552368" }, ["invalid_phone_format"]],
    ["area code starts with 1", { consumerPhone: "1145552368x" }, ["invalid_phone_format"]],
    ["exchange starts with 1", { consumerPhone: "6141552368" }, ["invalid_phone_format"]],
    ["N11 area code", { consumerPhone: "9115552368" }, ["invalid_phone_format"]],
    ["letters only", { consumerPhone: "call me" }, ["invalid_phone_format"]],
    ["555-01xx fiction range", { consumerPhone: "6145550123" }, ["fake_phone_number"]],
    ["all one digit", { consumerPhone: "2222222222" }, ["fake_phone_number"]],
    ["sequential line", { consumerPhone: "6142345678" }, ["fake_phone_number"]],
    ["known test number", { consumerPhone: "2125551212" }, ["fake_phone_number"]],
    ["repeated line", { consumerPhone: "6147777777" }, ["fake_phone_number"]],
    ["email without @", { consumerEmail: "ann.gmail.com" }, ["invalid_email_format"]],
    ["email without tld", { consumerEmail: "ann@gmail" }, ["invalid_email_format"]],
    ["email with double dot", { consumerEmail: "ann..lee@gmail.com" }, ["invalid_email_format"]],
    ["disposable email", { consumerEmail: "x@mailinator.com" }, ["disposable_email"]],
    ["disposable subdomain", { consumerEmail: "x@foo.mailinator.com" }, ["disposable_email"]],
    ["missing phone", { consumerPhone: undefined }, ["missing_field_consumerPhone"]],
    ["blank name", { consumerName: "  " }, ["missing_field_consumerName"]],
    ["bad state", { consumerState: "ZZ" }, ["invalid_state"]],
    ["bad zip", { consumerZip: "9021" }, ["invalid_zip_format"]],
    [
      "several at once",
      { consumerPhone: "5550123", consumerEmail: "x@yopmail.com", consumerZip: undefined },
      ["missing_field_consumerZip", "invalid_phone_format", "disposable_email"],
    ],
  ])("%s", (_name, over, codes) => {
    const body: Record<string, unknown> = { ...base, ...over };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    expect(validateLead(normalizeLead(body), REQUIRED)).toEqual(codes);
  });

  it("the demo seed's 555-2xxx history phones and the platform API documentation's 310-555-1234 are valid", () => {
    for (const p of ["3105551234", "3125552001", "7135552150"]) {
      expect(phoneFormatOk(p)).toBe(true);
      expect(phoneLooksFake(p)).toBe(false);
    }
  });

  it("the compliance endpoint's requirement names, including either-or, under the name the list used", () => {
    const lead = normalizeLead({ first_name: "Ann", Phone: "6145552368" });
    expect(missingFields(lead, ["firstName", "lastName", "phone", "zipCode", "ageRange|dob", "consumerPhone"])).toEqual(
      ["missing_field_lastName", "missing_field_zipCode", "missing_field_ageRange_or_dob"],
    );
    expect(missingFields(normalizeLead({ age_range: "35-44" }), ["ageRange|dob"])).toEqual([]);
  });

  it("every code has a compliance-endpoint source and sentence", () => {
    expect(describeRejection("fake_phone_number")).toEqual({
      source: "Phone Validation",
      message: "Phone number is a known test/fake number",
    });
    expect(describeRejection("dnc_listed").source).toBe("TCPA");
    expect(describeRejection("missing_field_zipCode")).toEqual({
      source: "Required Fields",
      message: "Missing required field zipCode",
    });
  });

  it("email helpers", () => {
    expect(emailFormatOk("john@example.com")).toBe(true);
    expect(isDisposableEmail("john@example.com")).toBe(false);
    expect(isDisposableEmail("john@guerrillamail.com")).toBe(true);
  });
});
