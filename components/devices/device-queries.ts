// React Query options of the device lists, shared by the pages' server prefetch (which swaps in a
// queryFn that reads the database directly) and the client hooks. Every key starts with
// DEVICES_KEY: invalidating it after a create, edit or delete refreshes whichever list is shown.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { deviceListApiPath, type DeviceListParams } from "@/lib/devices/list-params";
import type { DeviceListPage } from "@/lib/server/devices";
import { fetchJson, fetchRevalidated } from "../ui/fetch-json";
import { DEVICE_REFRESH_MS, type DeviceView, type Wire } from "./wire";

export const DEVICES_KEY = ["devices"] as const;

export type DeviceListPageView = Wire<DeviceListPage>;

/**
 * One page of the admin list. The refresh sends the ETag of the page on screen: while nothing on it
 * changed the answer is an empty 304 and the cached page stays as it is (same object, no re-render).
 * A new page, sort or search keeps the previous rows on screen until its own answer arrives.
 */
export function adminDevicesQuery(params: DeviceListParams) {
  return queryOptions({
    queryKey: [...DEVICES_KEY, "admin", params] as const,
    queryFn: async ({ queryKey, signal, client }): Promise<DeviceListPageView> => {
      const held = client.getQueryData<DeviceListPageView>(queryKey);
      const fresh = await fetchRevalidated<DeviceListPageView>(deviceListApiPath(params), held?.etag, signal);
      return fresh ?? held!;
    },
    refetchInterval: DEVICE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Your own devices (a handful: not paged). */
export function myDevicesQuery() {
  return queryOptions({
    queryKey: [...DEVICES_KEY, "mine"] as const,
    queryFn: ({ signal }) => fetchJson<{ devices: DeviceView[] }>("/api/v1/devices", signal),
    refetchInterval: DEVICE_REFRESH_MS,
  });
}
