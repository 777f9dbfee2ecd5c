"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, type FormEvent } from "react";
import { deviceListSearch, parseDeviceListParamsLeniently, sortedBy, type DeviceListParams } from "@/lib/devices/list-params";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { TextInput } from "../ui/field";
import { Pager } from "../ui/pager";
import { pushSearch, QueryLink } from "../ui/query-link";
import { adminDevicesQuery, type DeviceListPageView } from "./device-queries";
import { DevicesTable } from "./devices-table";

function plural(count: number, word: string) {
  return `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;
}

function EmptyList({ page, href }: { page: DeviceListPageView; href: (params: DeviceListParams) => string }) {
  const params: DeviceListParams = { page: page.page, perPage: page.perPage, sort: page.sort, dir: page.dir, q: page.q, userId: page.userId };
  if (page.total > 0) {
    const last = Math.ceil(page.total / page.perPage);
    return (
      <EmptyState title={`Page ${page.page.toLocaleString("en")} is past the end`}>
        There {page.total === 1 ? "is" : "are"} {plural(page.total, "device")}.{" "}
        <QueryLink className="font-medium text-accent hover:underline" href={href({ ...params, page: last })}>
          Go to page {last.toLocaleString("en")}
        </QueryLink>
      </EmptyState>
    );
  }
  if (page.q) {
    return (
      <EmptyState title="No matching devices">
        No device name, owner email, address or public key matches “{page.q}”.{" "}
        <QueryLink className="font-medium text-accent hover:underline" href={href({ ...params, q: "", page: 1 })}>
          Clear the search
        </QueryLink>
      </EmptyState>
    );
  }
  if (page.userId) return <EmptyState title="No devices yet">{page.owner ? "This user has no devices." : "No user has this id."}</EmptyState>;
  return <EmptyState title="No devices yet">Nobody has added a device yet.</EmptyState>;
}

/**
 * Everyone's devices, one page at a time: sort, search and page live in the URL (shareable, the
 * back button works), the server prefetched the first page, and the 10 s refresh asks for the page
 * on screen only, with its ETag (a 304 while nothing on it changed).
 */
export function AdminDevicesList() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const params = useMemo(() => parseDeviceListParamsLeniently(searchParams), [searchParams]);
  const { data, error, isPlaceholderData } = useQuery(adminDevicesQuery(params));
  const href = (next: DeviceListParams) => `${pathname}${deviceListSearch(next)}`;

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    pushSearch(href({ ...params, q, page: 1 }));
  };

  const title = !data ? "Devices" : params.q || params.userId ? plural(data.total, "matching device") : plural(data.total, "device");
  return (
    <Card
      title={
        <span aria-live="polite">
          {title}
          {isPlaceholderData && <span className="ml-2 text-sm font-normal text-muted">Loading…</span>}
        </span>
      }
      actions={
        <form role="search" onSubmit={search} className="flex w-full gap-2 sm:w-96">
          <TextInput
            key={params.q}
            name="q"
            type="search"
            defaultValue={params.q}
            maxLength={100}
            placeholder="Name, email, address, key"
            aria-label="Search devices"
            title="Device name or owner email (any part), address or public key (the beginning)"
            className="min-w-0 flex-1"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      }
    >
      {params.userId && (
        <p className="-mt-1 mb-4 flex flex-wrap items-center gap-2 text-sm text-muted">
          Owner: <span className="font-medium text-foreground">{data?.owner?.email ?? "unknown user"}</span>
          <QueryLink className="font-medium text-accent hover:underline" href={href({ ...params, userId: null, page: 1 })}>
            Show everyone&apos;s devices
          </QueryLink>
        </p>
      )}
      {error && (
        <div className="mb-4">
          <Alert tone="error">The list could not be refreshed: {error.message}</Alert>
        </div>
      )}
      {!data ? (
        <p role="status" className="py-12 text-center text-sm text-muted">
          Loading devices…
        </p>
      ) : (
        <div aria-busy={isPlaceholderData} className={isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <DevicesTable
            devices={data.devices}
            showOwner
            empty={<EmptyList page={data} href={href} />}
            sorting={{ sort: params.sort, dir: params.dir, hrefFor: (sort) => href(sortedBy(params, sort)) }}
          />
          <Pager isInPlace page={params.page} pageSize={params.perPage} total={data.total} href={(page) => href({ ...params, page })} />
        </div>
      )}
    </Card>
  );
}
