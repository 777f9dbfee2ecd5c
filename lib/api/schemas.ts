// Pieces every resource of the API shares: paging, the list envelope, the error body, dates.
import { z } from "zod";
import { validationErrorFrom } from "../server/guard";
import { wholeNumberParam } from "../validation/query";

export const MAX_PER_PAGE = 100;

export const pagingQuery = z.object({
  page: wholeNumberParam(1, 1_000_000).default(1),
  per_page: wholeNumberParam(1, MAX_PER_PAGE).default(25),
});

export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.strictObject({ data: z.array(item), page: z.number().int(), perPage: z.number().int(), total: z.number().int() });
}

export function listResponse<T>(data: T[], paging: { page: number; perPage: number; total: number }) {
  return { data, page: paging.page, perPage: paging.perPage, total: paging.total };
}

export const errorSchema = z.strictObject({
  error: z.string().describe("What went wrong, for people."),
  fieldErrors: z.record(z.string(), z.string()).optional().describe("Per field (dotted path), why its value was refused."),
});

export const timestamp = z.iso.datetime({ offset: true }).describe("ISO 8601 date-time (UTC)");

/** No input: the query string is ignored, a JSON body must be an object. */
export const noInput = z.object({});

export const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * PATCH bodies: every field of a form's schema optional, unknown fields refused. Defaults are
 * dropped so the document does not promise them: a missing field keeps its current value.
 */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType]));
  return z.strictObject(fields).partial();
}

/** Parses a merged whole (current values plus the fields given) with the form's own schema. */
export function parseWhole<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data;
}
