// The document and the route files must agree: every route file under app/api/v0 is documented
// with exactly the methods it exports, and every documented path has its route file.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";

const root = fileURLToPath(new URL("../..", import.meta.url));
const apiDir = join(root, "app/api/v0");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(join(dir, entry.name)) : entry.name === "route.ts" ? [join(dir, entry.name)] : [],
  );
}

/** app/api/v0/users/[id]/route.ts → /users/{id} */
function documentPath(file: string): string {
  const folder = relative(apiDir, file).split(sep).slice(0, -1);
  return `/${folder.map((part) => part.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
}

async function routeTable(): Promise<Record<string, string[]>> {
  const table: Record<string, string[]> = {};
  for (const file of routeFiles(apiDir)) {
    const exports = (await import(file)) as Record<string, unknown>;
    table[documentPath(file)] = METHODS.filter((method) => typeof exports[method] === "function").map((method) => method.toLowerCase()).sort();
  }
  return table;
}

const document = buildOpenApiDocument();
type Operation = { operationId: string; parameters: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, ...(operation as Operation) })));

describe("the OpenAPI document", () => {
  it("documents exactly the route files under app/api/v0 and the methods each exports", async () => {
    const documented = Object.fromEntries(Object.entries(document.paths).map(([path, methods]) => [path, Object.keys(methods).sort()]));
    const routes = await routeTable();
    expect(Object.keys(routes).length).toBeGreaterThanOrEqual(7);
    expect(documented).toEqual(routes);
  });

  it("is OpenAPI 3.1 with bearer security on everything but itself", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(operations.filter((operation) => operation.security !== undefined).map((operation) => operation.path)).toEqual(["/openapi.json"]);
  });

  it("gives every operation a unique id, its path parameters, and a 401 and 400 answer where a token is needed", () => {
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const operation of operations.filter((operation) => operation.path !== "/openapi.json")) {
      const placeholders = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      expect(operation.parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name)).toEqual(placeholders);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["400", "401"]));
      expect(Boolean(operation.requestBody)).toBe(operation.method === "post" || operation.method === "patch");
    }
  });

  it("describes paging and search from the same zod schemas that validate them", () => {
    const listUsers = operations.find((operation) => operation.operationId === "getUsers")!;
    const parameters = listUsers.parameters as Array<{ name: string; in: string; schema: { maximum?: number; minimum?: number } }>;
    expect(parameters.map((parameter) => parameter.name).sort()).toEqual(["page", "per_page", "q"]);
    expect(parameters.find((parameter) => parameter.name === "per_page")?.schema).toMatchObject({ minimum: 1, maximum: 100 });
  });

  it("describes a device PATCH body with every settings field optional and unknown fields refused", () => {
    const patch = operations.find((operation) => operation.operationId === "patchDevicesById")!;
    const schema = (patch.requestBody as { content: { "application/json": { schema: { required?: string[]; additionalProperties?: boolean; properties: Record<string, unknown> } } } }).content["application/json"].schema;
    expect(schema.required ?? []).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["name", "mtu", "useDefaultMtu", "allowedIps"]));
  });

  it("serialises to JSON", () => {
    expect(() => z.json().parse(JSON.parse(JSON.stringify(document)))).not.toThrow();
  });
});
