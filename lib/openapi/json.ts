// The OpenAPI document as the docs page and the document's own tests walk it: untyped JSON.
// biome-ignore lint/suspicious/noExplicitAny: any node of a JSON document, read by key
export type Json = Record<string, any>;
