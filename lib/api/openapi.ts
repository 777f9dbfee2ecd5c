// The OpenAPI 3.1 document of /api/v0, built from the endpoints themselves: their zod schemas
// (z.toJSONSchema; JSON Schema 2020-12 is OpenAPI 3.1's dialect) and their descriptions.
import { z } from "zod";
import type { ApiHandler, ApiResource, HttpMethod } from "./endpoint";
import { apiResources } from "./resources";
import { errorSchema } from "./schemas";

export const API_BASE_PATH = "/api/v0";
/** The document's own path, served without a token. */
export const OPENAPI_PATH = "/openapi.json";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const errorDescriptions: Record<number, string> = {
  400: "Bad input: broken JSON, a refused value (`fieldErrors` says which and why) or a refused change.",
  401: "No token, or an unknown, expired or revoked one, or its user is disabled. Answered with `WWW-Authenticate: Bearer`.",
  403: "The token's user may not do this.",
  404: "No such resource, or it belongs to another user.",
  409: "A conflict: a name or email already in use, or WireGUI not set up yet.",
  415: "The body is not JSON (`Content-Type: application/json`).",
};

const errorRef = { $ref: "#/components/schemas/Error" };

function operationId(method: HttpMethod, path: string): string {
  const words = path.split("/").filter(Boolean).map((part) => (part.startsWith("{") ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2, -1)}` : part));
  return method.toLowerCase() + words.map((word) => word.slice(0, 1).toUpperCase() + word.slice(1).replace(/[^A-Za-z0-9]/g, "")).join("");
}

function describeOperation(method: HttpMethod, path: string, handler: ApiHandler) {
  const { doc } = handler;
  const hasBody = method === "POST" || method === "PATCH";
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } }));
  const input = jsonSchema(doc.input, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const queryParameters = hasBody
    ? []
    : Object.entries(input.properties ?? {}).map(([name, schema]) => {
        const { description, ...rest } = schema;
        return { name, in: "query", required: input.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
      });
  const errorStatuses = [400, 401, ...(doc.isAdminOnly ? [403] : []), ...(doc.errors ?? []), ...(hasBody ? [415] : [])];
  const responses: Record<string, unknown> = {
    [doc.success.status]: {
      description: doc.success.description,
      ...(doc.success.schema ? { content: { "application/json": { schema: jsonSchema(doc.success.schema, "output") } } } : {}),
    },
  };
  for (const status of [...new Set(errorStatuses)].sort()) {
    responses[status] = { description: errorDescriptions[status] ?? "Error", content: { "application/json": { schema: errorRef } } };
  }
  return {
    operationId: operationId(method, path),
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.isAdminOnly ? { "x-wiregui-admin-only": true } : {}),
    parameters: [...pathParameters, ...queryParameters],
    ...(hasBody ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(doc.input, "input") } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(resources: ApiResource[] = apiResources) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const resource of resources) {
    const operations: Record<string, unknown> = {};
    for (const [method, handler] of Object.entries(resource.handlers) as Array<[HttpMethod, ApiHandler]>) {
      operations[method.toLowerCase()] = describeOperation(method, resource.path, handler);
    }
    paths[resource.path] = operations;
  }
  paths[OPENAPI_PATH] = {
    get: {
      operationId: "getOpenApiDocument",
      summary: "This document",
      security: [],
      responses: { 200: { description: "The OpenAPI 3.1 document of this API.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "WireGUI API",
      version: "0",
      description:
        "Users, devices and configuration of WireGUI with the permissions of the WireGUI web app. Authenticate with `Authorization: Bearer <token>`; create a token on your account page. Lists answer `{ data, page, perPage, total }`; errors answer `{ error, fieldErrors? }`.",
    },
    servers: [{ url: API_BASE_PATH }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API token (`wgui_…`) from the account page." } },
      schemas: { Error: jsonSchema(errorSchema, "output") },
    },
  };
}
