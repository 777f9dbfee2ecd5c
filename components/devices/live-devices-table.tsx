"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { fetchJson } from "../ui/fetch-json";
import { DevicesTable } from "./devices-table";
import { DEVICE_REFRESH_MS, type DeviceView } from "./wire";

/** The devices table, refreshed every 10 s from the API without reloading the page. */
export function LiveDevicesTable({ initial, userFilter, showOwner, emptyText }: { initial: DeviceView[]; userFilter?: string; showOwner?: boolean; emptyText: string }) {
  const queryClient = useQueryClient();
  const queryKey = ["devices", userFilter ?? "mine"];
  const path = userFilter ? `/api/v1/devices?user=${encodeURIComponent(userFilter)}` : "/api/v1/devices";
  const { data } = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchJson<{ devices: DeviceView[] }>(path, signal),
    initialData: { devices: initial },
    refetchInterval: DEVICE_REFRESH_MS,
  });
  // A server re-render (after adding or deleting a device) brings newer data than the cache.
  // A refetch already in flight may carry the older list: cancel it first.
  useEffect(() => {
    const key = ["devices", userFilter ?? "mine"];
    void queryClient.cancelQueries({ queryKey: key }).then(() => queryClient.setQueryData(key, { devices: initial }));
  }, [queryClient, initial, userFilter]);
  return <DevicesTable devices={data.devices} showOwner={showOwner} emptyText={emptyText} />;
}
