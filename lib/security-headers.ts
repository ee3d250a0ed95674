// Response security headers. The static ones, on every response, are in
// next.config.mjs headers() (Node 20 cannot import TypeScript from the config). Pages also get a
// per-request nonce CSP and HSTS from proxy.ts; API routes never pass through proxy.ts (they are
// the hot path) and get HSTS from lib/api/handler.ts. No Node APIs here: proxy.ts imports it.

/** Two years, as HSTS preload lists expect; only sent when the app is served over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The page CSP: scripts only with this request's nonce (Next puts it on its own scripts when it
 * finds the nonce in the request's Content-Security-Policy header) or loaded by them
 * ('strict-dynamic'). Styles allow inline style attributes (charts and React set them; a nonce
 * cannot cover attributes), which cannot run code.
 */
export function pageCsp(nonce: string, opts: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
