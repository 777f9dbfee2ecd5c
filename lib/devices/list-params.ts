// The admin device list's URL parameters (`?page=&per_page=&sort=&dir=&q=&user=`), shared by the
// page, the HTTP API and the React Query key. Free of server imports: the browser parses them too.
import { z } from "zod";
import { wholeNumberParam } from "../validation/query";

export const DEVICE_SORTS = ["name", "owner", "status", "handshake", "traffic"] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** A click on a column sorts it this way first: names A to Z, connected first, most recent and busiest first. */
export const NATURAL_DIRECTION: Record<DeviceSort, SortDirection> = { name: "asc", owner: "asc", status: "asc", handshake: "desc", traffic: "desc" };

export const DEFAULT_DEVICE_SORT: DeviceSort = "owner";
export const DEVICE_PAGE_SIZE = 50;
export const MAX_DEVICE_PAGE_SIZE = 200;
export const DEVICE_SEARCH_MAX_LENGTH = 100;
const MAX_PAGE = 100_000;

/** As sent: every parameter optional, so the API can tell a default from a value given. */
export const deviceListQuerySchema = z.object({
  page: wholeNumberParam(1, MAX_PAGE).optional(),
  per_page: wholeNumberParam(1, MAX_DEVICE_PAGE_SIZE).optional(),
  sort: z.enum(DEVICE_SORTS, { message: `must be one of ${DEVICE_SORTS.join(", ")}` }).optional(),
  dir: z.enum(["asc", "desc"], { message: "must be asc or desc" }).optional(),
  q: z.string().trim().max(DEVICE_SEARCH_MAX_LENGTH, `must be at most ${DEVICE_SEARCH_MAX_LENGTH} characters`).optional(),
  /** Only this user's devices (the link on a user's page); "all" or absent for everyone's. */
  user: z.union([z.literal("all"), z.uuid({ message: "must be a user id or all" })]).optional(),
});

export type DeviceListQuery = z.output<typeof deviceListQuerySchema>;

/** Every parameter resolved: what the query layer, the ETag and the React Query key use. */
export interface DeviceListParams {
  page: number;
  perPage: number;
  sort: DeviceSort;
  dir: SortDirection;
  q: string;
  /** A user id, or null for every user's devices. */
  userId: string | null;
}

export function resolveDeviceListParams(query: DeviceListQuery): DeviceListParams {
  const sort = query.sort ?? DEFAULT_DEVICE_SORT;
  return {
    page: query.page ?? 1,
    perPage: query.per_page ?? DEVICE_PAGE_SIZE,
    sort,
    dir: query.dir ?? NATURAL_DIRECTION[sort],
    q: query.q ?? "",
    userId: query.user && query.user !== "all" ? query.user : null,
  };
}

type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function firstValues(raw: RawSearchParams): Record<string, string> {
  const entries = raw instanceof URLSearchParams ? [...raw.entries()] : Object.entries(raw);
  const values: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in values)) values[key] = first;
  }
  return values;
}

/**
 * For the page: a parameter that does not parse falls back to its default (a hand-edited or stale
 * link still shows a list), the others are kept. The API refuses instead (400 naming the parameter).
 */
export function parseDeviceListParamsLeniently(raw: RawSearchParams): DeviceListParams {
  const values = firstValues(raw);
  const parsed = deviceListQuerySchema.safeParse(values);
  if (parsed.success) return resolveDeviceListParams(parsed.data);
  const broken = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  const kept = Object.fromEntries(Object.entries(values).filter(([key]) => !broken.has(key)));
  return resolveDeviceListParams(deviceListQuerySchema.parse(kept));
}

/** The page's query string for `params`: defaults left out, so links stay short and canonical. */
export function deviceListSearch(params: DeviceListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.userId) search.set("user", params.userId);
  if (params.sort !== DEFAULT_DEVICE_SORT) search.set("sort", params.sort);
  if (params.dir !== NATURAL_DIRECTION[params.sort]) search.set("dir", params.dir);
  if (params.perPage !== DEVICE_PAGE_SIZE) search.set("per_page", String(params.perPage));
  if (params.page !== 1) search.set("page", String(params.page));
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The API's URL for `params`: always `user` (everyone's devices are `user=all`), the rest as on the page. */
export function deviceListApiPath(params: DeviceListParams): string {
  const search = new URLSearchParams(deviceListSearch(params));
  if (!params.userId) search.set("user", "all");
  return `/api/v1/devices?${search.toString()}`;
}

/** Sorting by `sort`: the other way round when it is already the sort, else its natural direction; back to page 1. */
export function sortedBy(params: DeviceListParams, sort: DeviceSort): DeviceListParams {
  const dir = params.sort === sort ? (params.dir === "asc" ? "desc" : "asc") : NATURAL_DIRECTION[sort];
  return { ...params, sort, dir, page: 1 };
}
