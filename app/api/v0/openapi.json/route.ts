// The OpenAPI document of /api/v0: public, like any API description (it holds no data).
import { buildOpenApiDocument } from "@/lib/api/openapi";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export function GET(): Response {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
