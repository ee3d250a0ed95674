import { describe, expect, it } from "vitest";
import { neutraliseCell, oneBatch, parseCsv, toCsv, wantsCsv } from "./csv";

describe("neutraliseCell (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["-", "'-"],
    ["-25.00", "-25.00"],
    ["-7", "-7"],
    ["25.00", "25.00"],
    ["John Smith", "John Smith"],
    [" =1", " =1"],
    ["", ""],
  ])("%j → %j", (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
  });
});

describe("toCsv / parseCsv", () => {
  const cols = [
    { header: "a", value: (r: Record<string, unknown>) => r.a },
    { header: "b", value: (r: Record<string, unknown>) => r.b },
  ];
  it("quotes commas, quotes and line breaks, ends lines with CRLF, and round-trips", () => {
    const rows = [
      { a: 'x, "y"', b: "line\nbreak" },
      { a: null, b: ["p", "q"] },
      { a: new Date("2026-03-03T10:30:00Z"), b: { k: 1 } },
    ];
    const text = toCsv(cols, rows);
    expect(text).toBe('a,b\r\n"x, ""y""","line\nbreak"\r\n,p; q\r\n2026-03-03T10:30:00.000Z,"{""k"":1}"\r\n');
    expect(parseCsv(text).map((r) => r.cells)).toEqual([
      ["a", "b"],
      ['x, "y"', "line\nbreak"],
      ["", "p; q"],
      ["2026-03-03T10:30:00.000Z", '{"k":1}'],
    ]);
  });
  it("neutralises values inside arrays and objects too", () => {
    expect(toCsv(cols, [{ a: ["=1"], b: "@x" }], { header: false })).toBe("'=1,'@x\r\n");
  });
  it("parseCsv refuses an unterminated quote", () => {
    expect(() => parseCsv('"open,1\n')).toThrow();
  });
});

describe("wantsCsv", () => {
  const req = (accept?: string) => new Request("http://x/", { headers: accept ? { accept } : {} });
  it.each([
    [undefined, undefined, false],
    ["text/csv", undefined, true],
    ["text/html,application/xhtml+xml,*/*;q=0.8", undefined, false],
    ["text/csv", "json", false],
    [undefined, "csv", true],
  ])("Accept %s, format %s → %s", (accept, format, out) => {
    expect(wantsCsv(req(accept), format)).toBe(out);
  });
  it("oneBatch yields its rows once", async () => {
    const next = oneBatch([1, 2]);
    expect([await next(), await next()]).toEqual([[1, 2], []]);
  });
});
