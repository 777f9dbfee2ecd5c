"use client";

import { useQuery } from "@tanstack/react-query";
import { DevicesTable } from "./devices-table";
import { myDevicesQuery } from "./device-queries";

/** Your devices, prefetched by the page and refreshed every 10 s from the API without reloading it. */
export function LiveDevicesTable({ emptyText }: { emptyText: string }) {
  const { data } = useQuery(myDevicesQuery());
  return <DevicesTable devices={data?.devices ?? []} emptyText={emptyText} />;
}
