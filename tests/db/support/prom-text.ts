// A strict parser of the Prometheus text exposition format (0.0.4), for tests: every line must be
// a HELP, a TYPE or a sample of a declared family; names, labels, escapes and values are checked;
// histograms must have cumulative buckets ending in +Inf equal to _count. Throws on any violation.
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help: string; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(v: string, line: string): number {
  if (v === "+Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  // Prometheus reads values with Go's strconv.ParseFloat, where NaN is case-insensitive; prom-client
  // writes "Nan" (e.g. the event-loop lag mean before its first sample).
  if (/^nan$/i.test(v)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) throw new Error(`bad value ${v} in: ${line}`);
  return Number(v);
}

function parseLabels(s: string, line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const eq = s.indexOf("=", i);
    if (eq < 0) throw new Error(`bad labels in: ${line}`);
    const key = s.slice(i, eq);
    if (!LABEL.test(key) || key in out) throw new Error(`bad or repeated label name "${key}" in: ${line}`);
    if (s[eq + 1] !== '"') throw new Error(`unquoted label value in: ${line}`);
    let j = eq + 2;
    let val = "";
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] === "\\") {
        const n = s[++j];
        if (n === "n") val += "\n";
        else if (n === "\\" || n === '"') val += n;
        else throw new Error(`bad escape \\${n} in: ${line}`);
      } else val += s[j];
    }
    if (s[j] !== '"') throw new Error(`unterminated label value in: ${line}`);
    out[key] = val;
    i = j + 1;
    if (s[i] === ",") i++;
    else if (i < s.length) throw new Error(`expected , between labels in: ${line}`);
  }
  return out;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  for (const line of text.split("\n").slice(0, -1)) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (!NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      const f = families.get(name) ?? { name, type: "untyped", help: "", samples: [] };
      if (kind === "TYPE") {
        if (!TYPES.has(rest)) throw new Error(`bad type in: ${line}`);
        if (f.samples.length) throw new Error(`TYPE after samples: ${line}`);
        f.type = rest;
      } else f.help = rest;
      families.set(name, f);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const [, name, labels, value] = m;
    const base = [name, name.replace(/_(bucket|sum|count)$/, "")].find((n) => families.has(n));
    if (!base) throw new Error(`sample of an undeclared family: ${line}`);
    const f = families.get(base)!;
    if (base !== name && f.type !== "histogram" && f.type !== "summary")
      throw new Error(`suffix on a ${f.type}: ${line}`);
    f.samples.push({ name, labels: labels ? parseLabels(labels, line) : {}, value: parseValue(value, line) });
  }
  for (const f of families.values()) if (f.type === "histogram") checkHistogram(f);
  return families;
}

function checkHistogram(f: Family): void {
  const series = new Map<string, Sample[]>();
  const key = (l: Record<string, string>) =>
    JSON.stringify(
      Object.entries(l)
        .filter(([k]) => k !== "le")
        .sort(),
    );
  for (const s of f.samples)
    if (s.name.endsWith("_bucket")) series.set(key(s.labels), [...(series.get(key(s.labels)) ?? []), s]);
  for (const [k, buckets] of series) {
    let prev = -1;
    let prevLe = -Infinity;
    for (const b of buckets) {
      const le = parseValue(b.labels.le, f.name);
      if (le <= prevLe || b.value < prev) throw new Error(`${f.name}${k}: buckets not cumulative`);
      prev = b.value;
      prevLe = le;
    }
    if (prevLe !== Infinity) throw new Error(`${f.name}${k}: no +Inf bucket`);
    const count = f.samples.find((s) => s.name === `${f.name}_count` && key(s.labels) === k);
    if (!count || count.value !== prev) throw new Error(`${f.name}${k}: _count ≠ +Inf bucket`);
  }
}

/** The value of one series (labels must match exactly those given, plus instance_id), or 0. */
export function value(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const base = name.replace(/_(bucket|sum|count)$/, "");
  const f = families.get(name) ?? families.get(base);
  const s = f?.samples.find(
    (x) =>
      x.name === name &&
      Object.entries(labels).every(([k, v]) => x.labels[k] === v) &&
      Object.keys(x.labels).filter((k) => k !== "instance_id").length === Object.keys(labels).length,
  );
  return s?.value ?? 0;
}
