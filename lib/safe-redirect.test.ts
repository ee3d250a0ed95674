// Safe redirects: /login?next=... may only send the browser to a path on this site.
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect";

describe("safeNextPath", () => {
  it.each<[string, unknown, string | null]>([
    // accepted, normalised
    ["a dashboard path", "/buyer/leads", "/buyer/leads"],
    ["path with query and fragment", "/seller/submissions?q=a&page=2#top", "/seller/submissions?q=a&page=2#top"],
    ["dot segments stay on the site", "/buyer/../admin", "/admin"],
    ["an encoded slash in a segment", "/buyer/a%2Fb", "/buyer/a%2Fb"],
    // refused: the reported bypasses and their relatives
    ["backslash after the slash (reported)", "/\\evil.example/x", null],
    ["tab after the slash (reported)", "/\t/evil.example/x", null],
    ["newline after the slash", "/\n/evil.example", null],
    ["carriage return", "/\r/evil.example", null],
    ["NUL", "/\u0000/evil.example", null],
    ["DEL", "/\u007f/evil.example", null],
    ["protocol-relative", "//evil.example/x", null],
    ["triple slash", "///evil.example", null],
    ["backslash pair", "\\\\evil.example", null],
    ["slash backslash slash", "/\\/evil.example", null],
    ["encoded backslash still encoded", "/%5Cevil.example/x", null],
    ["double-encoded backslash", "/%255Cevil.example", null],
    ["encoded tab", "/%09/evil.example", null],
    ["encoded double slash", "/%2F%2Fevil.example", null],
    ["absolute http URL", "http://evil.example/", null],
    ["absolute https URL", "https://evil.example/buyer", null],
    ["scheme-relative with credentials", "//user@evil.example", null],
    ["javascript: URL", "javascript:alert(1)", null],
    ["data: URL", "data:text/html,<script>alert(1)</script>", null],
    ["relative path without slash", "evil.example", null],
    ["malformed escape", "/%E0%A4%A", null],
    ["empty", "", null],
    ["not a string", ["/buyer"], null],
    ["undefined", undefined, null],
    ["too long", `/${"a".repeat(2001)}`, null],
  ])("%s: %j → %j", (_name, input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
