// GET /api/openapi.json: the OpenAPI 3.1 document, generated from the same zod schemas the
// routes validate with (lib/openapi). Public: integrators read it before they have a key.
import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/openapi/document";

export function GET() {
  return NextResponse.json(openApiDocument(), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
