import { createHash } from "node:crypto";

/** API keys are stored as SHA-256 hashes (they are random, so no slow hash is needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
