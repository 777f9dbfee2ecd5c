import type { PresentedDevice } from "@/lib/server/devices";

/** A value after a JSON round trip: dates arrive as strings. */
export type Wire<T> = T extends Date ? Date | string : T extends Array<infer U> ? Array<Wire<U>> : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

/** A device as the pages and the API deliver it. */
export type DeviceView = Wire<PresentedDevice>;

/** How often device pages refresh their data (the collector polls every 5 s). */
export const DEVICE_REFRESH_MS = 10_000;
