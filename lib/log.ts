// The one logger: pino, JSON lines on stdout (Loki / Elasticsearch ship them as they are).
// Every line written while a request is served carries its id (reqId) through the mixin.
// Pretty output only under `next dev`, when pino-pretty is installed; never in production.
import { createRequire } from "node:module";
import pino, { type Logger } from "pino";
import { env } from "./env";
import { currentRequestId } from "./request-context";

function create(): Logger {
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    // Defence in depth: no call site logs these, and if one ever does they come out censored.
    // (top-level paths only: wildcard paths measured several µs per line on the hot path)
    redact: { paths: ["authorization", "cookie", "password", "key", "token", "apiKey"], censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const id = currentRequestId();
      return id ? { reqId: id } : {};
    },
  };
  if (env.NODE_ENV === "development") {
    try {
      const pretty = createRequire(import.meta.url)("pino-pretty") as (o: object) => pino.DestinationStream;
      return pino(options, pretty({ sync: true, ignore: "pid,hostname" }));
    } catch {
      /* pino-pretty is a dev dependency: plain JSON without it */
    }
  }
  return pino(options);
}

const g = globalThis as unknown as { __tlgLogger?: Logger };
g.__tlgLogger ??= create();
export const logger: Logger = g.__tlgLogger;
