// The body-token field names: one list for authenticating and for keeping the key out of bodies.
import { describe, expect, it } from "vitest";
import { bodyToken, withoutBodyToken } from "./body-token";

describe("bodyToken", () => {
  it.each([
    [{ token: "k1" }, "k1"],
    [{ Token: "k2" }, "k2"],
    [{ TOKEN: " k3 " }, "k3"],
    [{ api_key: "k4" }, "k4"],
    [{ apiKey: "k5" }, "k5"],
    [{ "API-KEY": "k6" }, "k6"],
    [{ token: "" }, null],
    [{ token: 123 }, null],
    [{ tokens: "x" }, null],
    [{ firstName: "John" }, null],
    [null, null],
    [["token"], null],
    ["token", null],
  ])("%j → %s", (body, expected) => {
    expect(bodyToken(body)).toBe(expected);
  });

  it("withoutBodyToken drops every spelling and keeps the rest", () => {
    expect(withoutBodyToken({ token: "a", Api_Key: "b", firstName: "John", tokenize: 1 })).toEqual({
      firstName: "John",
      tokenize: 1,
    });
  });
});

describe("the union of spellings, shared with the lead normalizer", () => {
  it.each(["access_token", "api_token", "auth-token", "Api Key", "api.key"])("%s carries the key", (k) => {
    expect(bodyToken({ [k]: " abc " })).toBe("abc");
    expect(withoutBodyToken({ [k]: "abc", phone: "1" })).toEqual({ phone: "1" });
  });
});
