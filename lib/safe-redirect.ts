// Where to send a browser after signing in (`/login?next=...`). Only a path on this site: an
// open redirect turns our login page into a phishing relay. Browsers "fix" many odd inputs
// (`/\evil.example` → `//evil.example`, tabs and newlines are stripped from URLs), so anything
// with a backslash or a control character is refused outright instead of being cleaned up.

const BASE = "http://app.invalid";
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this pattern's job
const FORBIDDEN = /[\\\u0000-\u001f\u007f]/;

function decodedForms(s: string): string[] {
  const out = [s];
  let cur = s;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(cur);
      if (next === cur) break;
      out.push(next);
      cur = next;
    } catch {
      return out.concat("\u0000"); // malformed escapes: refuse
    }
  }
  return out;
}

/** The same-origin path `next` names (path, query and fragment), or null when it is not one. */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return null;
  // Checked on every decoding level: a double-encoded %255C must not become a backslash later.
  if (decodedForms(next).some((s) => FORBIDDEN.test(s) || s.startsWith("//"))) return null;
  if (!next.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return url.pathname + url.search + url.hash;
}
