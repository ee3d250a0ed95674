// CSV out (exports, statements) and in (suppression import), with real CSV libraries: csv-stringify
// quotes commas, quotes and line breaks; csv-parse reads quoted fields. Exports stream: rows are
// fetched in keyset batches and written as they come, so a 100k-row download never sits in memory.
import { stringify } from "csv-stringify/sync";
import { parse } from "csv-parse/sync";

export type CsvColumn<T> = { header: string; value: (row: T) => unknown };

// A plain decimal number ("-25.00", "42") cannot be a formula: spreadsheets read it as the number it
// is, so signed amounts stay numeric. Everything else that starts like a formula is neutralised.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP CSV injection: a cell starting with = + - @ tab or CR is run as a formula by Excel,
 * LibreOffice and Google Sheets (=HYPERLINK(...), =cmd|...). A leading apostrophe makes it text.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return neutraliseCell(v.map((x) => cell(x)).join("; "));
  if (typeof v === "object") return neutraliseCell(JSON.stringify(v));
  return neutraliseCell(String(v));
}

/** Rows → CSV text (CRLF line ends, RFC 4180), every cell neutralised. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[], opts: { header?: boolean } = {}): string {
  const records = rows.map((r) => columns.map((c) => cell(c.value(r))));
  if (opts.header !== false) records.unshift(columns.map((c) => cell(c.header)));
  // A lone LF inside a cell is not the record delimiter (CRLF), so csv-stringify would not quote it;
  // most readers end a line there, so every cell holding CR or LF is quoted (as are edge spaces).
  return stringify(records, { record_delimiter: "windows", quoted_match: /[\r\n]|^\s|\s$/ });
}

/** Batches of rows; the producer keeps its own keyset cursor and answers [] when done. */
export type BatchSource<T> = () => Promise<T[]>;

/**
 * A streamed CSV download. `next` is called only when the client has read the previous batch
 * (ReadableStream pull), so memory stays at one batch however many rows follow, and a client that
 * disconnects stops the database reads.
 */
export function csvResponse<T>(
  filename: string,
  columns: CsvColumn<T>[],
  next: BatchSource<T>,
  headers: Record<string, string> = {},
): Response {
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            // The header row goes out before the first query, so the client sees bytes at once.
            controller.enqueue(encoder.encode(toCsv(columns, [])));
            return;
          }
          const rows = await next();
          if (!rows.length) return controller.close();
          controller.enqueue(encoder.encode(toCsv(columns, rows, { header: false })));
        } catch (err) {
          // Headers are already sent: the only honest signal left is a broken stream.
          console.error("[csv] export failed mid-stream", err);
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}

/** Rows already in memory (a small aggregate) as a batch source. */
export function oneBatch<T>(rows: T[]): BatchSource<T> {
  let sent = false;
  return async () => {
    if (sent) return [];
    sent = true;
    return rows;
  };
}

/** A listing route answers CSV when asked with ?format=csv or Accept: text/csv (JSON stays the default). */
export function wantsCsv(req: Request, format?: string): boolean {
  if (format) return format === "csv";
  const accept = (req.headers.get("accept") ?? "").toLowerCase();
  return accept.includes("text/csv");
}

/** Parses CSV text into rows of trimmed cells; quoted fields keep their commas, quotes and newlines. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}
