import { describe, expect, it } from "vitest";
import { deviceListApiPath, deviceListQuerySchema, deviceListSearch, parseDeviceListParamsLeniently, resolveDeviceListParams, sortedBy } from "./list-params";

const USER = "0b3c8f5e-2a4d-4c1e-9f6a-7d8e9f0a1b2c";

describe("device list parameters", () => {
  it("default to page 1 of 50, by owner, each sort in its natural direction", () => {
    expect(resolveDeviceListParams({})).toEqual({ page: 1, perPage: 50, sort: "owner", dir: "asc", q: "", userId: null });
    expect(resolveDeviceListParams({ sort: "traffic" }).dir).toBe("desc");
    expect(resolveDeviceListParams({ sort: "handshake", dir: "asc" }).dir).toBe("asc");
    expect(resolveDeviceListParams({ user: "all" }).userId).toBeNull();
    expect(resolveDeviceListParams({ user: USER }).userId).toBe(USER);
  });

  it("on the page, fall back to the default one by one when they do not parse", () => {
    expect(parseDeviceListParamsLeniently({ page: "0", sort: "traffic", dir: "sideways", q: "  laptop ", per_page: "999" })).toEqual({
      page: 1,
      perPage: 50,
      sort: "traffic",
      dir: "desc",
      q: "laptop",
      userId: null,
    });
    expect(parseDeviceListParamsLeniently(new URLSearchParams("page=3&page=4&user=nobody&sort=name"))).toMatchObject({ page: 3, sort: "name", userId: null });
    expect(parseDeviceListParamsLeniently({ q: ["first", "second"], user: USER })).toMatchObject({ q: "first", userId: USER });
  });

  it("make canonical links (defaults left out) that parse back to the same parameters", () => {
    const params = resolveDeviceListParams({ page: 2, sort: "name", dir: "desc", q: "a b&c", user: USER });
    const search = deviceListSearch(params);
    expect(search).toBe(`?q=a+b%26c&user=${USER}&sort=name&dir=desc&page=2`);
    expect(parseDeviceListParamsLeniently(new URLSearchParams(search))).toEqual(params);
    expect(deviceListSearch(resolveDeviceListParams({}))).toBe("");
    expect(deviceListApiPath(resolveDeviceListParams({}))).toBe("/api/v1/devices?user=all");
    expect(deviceListApiPath(params)).toBe(`/api/v1/devices?q=a+b%26c&user=${USER}&sort=name&dir=desc&page=2`);
  });

  it("sort a column its natural way first, the other way on a second click, from page 1", () => {
    const onPage3 = resolveDeviceListParams({ page: 3 });
    expect(sortedBy(onPage3, "traffic")).toMatchObject({ sort: "traffic", dir: "desc", page: 1 });
    expect(sortedBy(sortedBy(onPage3, "traffic"), "traffic")).toMatchObject({ sort: "traffic", dir: "asc" });
    expect(sortedBy(onPage3, "owner")).toMatchObject({ sort: "owner", dir: "desc" });
  });

  it("in the API, name what is wrong", () => {
    const refused = deviceListQuerySchema.safeParse({ per_page: "0", sort: "size" });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["per_page", "must be from 1 to 200"],
      ["sort", "must be one of name, owner, status, handshake, traffic"],
    ]);
  });
});
