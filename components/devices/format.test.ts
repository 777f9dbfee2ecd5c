import { describe, expect, it } from "vitest";
import { connectionStatus, formatAge, formatBytes, formatRate } from "./format";

describe("connectionStatus", () => {
  const now = Date.parse("2026-11-26T10:00:00Z");
  it("is online under 2 minutes, idle under 5, offline after or never", () => {
    expect(connectionStatus(new Date(now - 119_000), now)).toBe("online");
    expect(connectionStatus(new Date(now - 120_000), now)).toBe("idle");
    expect(connectionStatus(new Date(now - 299_000).toISOString(), now)).toBe("idle");
    expect(connectionStatus(new Date(now - 300_000), now)).toBe("offline");
    expect(connectionStatus(null, now)).toBe("offline");
  });
});

describe("formatBytes and formatRate", () => {
  it("uses binary units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes("1536")).toBe("1.5 KiB");
    expect(formatBytes(5n * 1024n ** 3n)).toBe("5.0 GiB");
    expect(formatBytes(300 * 1024 ** 2)).toBe("300 MiB");
  });

  it("shows a rate per second, or a dash when unknown", () => {
    expect(formatRate(512.4)).toBe("512 B/s");
    expect(formatRate(2_621_440)).toBe("2.5 MiB/s");
    expect(formatRate(null)).toBe("—");
  });
});

describe("formatAge", () => {
  it("says never without a date", () => {
    expect(formatAge(null)).toBe("Never");
    expect(formatAge(new Date(Date.now() - 90_000))).toBe("1 min ago");
  });
});
