import { describe, expect, it } from "vitest";
import { vpnSessionCutoff, vpnSessionDurationSchema, vpnSessionEndsAt, vpnSessionStatus } from "./vpn-session";

const HOUR = 3_600;
const signIn = new Date("2026-11-26T08:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("vpnSessionStatus", () => {
  it("never expires without a duration, signed in or not", () => {
    expect(vpnSessionStatus(signIn, null, at("2030-01-01T00:00:00Z"))).toEqual({ kind: "unlimited" });
    expect(vpnSessionStatus(null, null, signIn)).toEqual({ kind: "unlimited" });
  });

  it("is active up to and including the end instant, expired one millisecond later", () => {
    const endsAt = at("2026-11-26T09:00:00.000Z");
    expect(vpnSessionStatus(signIn, HOUR, at("2026-11-26T08:59:59.999Z"))).toEqual({ kind: "active", endsAt });
    expect(vpnSessionStatus(signIn, HOUR, endsAt)).toEqual({ kind: "active", endsAt });
    expect(vpnSessionStatus(signIn, HOUR, at("2026-11-26T09:00:00.001Z"))).toEqual({ kind: "expired", endedAt: endsAt });
  });

  it("has no session for a user who never signed in while a duration is set", () => {
    expect(vpnSessionStatus(null, HOUR, signIn)).toEqual({ kind: "not-signed-in" });
  });

  it("computes 30- and 90-day ends exactly", () => {
    expect(vpnSessionEndsAt(signIn, 2_592_000)).toEqual(at("2026-12-26T08:00:00.000Z"));
    expect(vpnSessionEndsAt(signIn, 7_776_000)).toEqual(at("2027-02-24T08:00:00.000Z"));
    expect(vpnSessionEndsAt(null, HOUR)).toBeNull();
    expect(vpnSessionEndsAt(signIn, null)).toBeNull();
  });
});

describe("vpnSessionCutoff", () => {
  it("agrees with the status: a sign-in at the cutoff is live, one before it has expired", () => {
    const now = at("2026-11-26T12:00:00.000Z");
    const cutoff = vpnSessionCutoff(HOUR, now)!;
    expect(cutoff).toEqual(at("2026-11-26T11:00:00.000Z"));
    expect(vpnSessionStatus(cutoff, HOUR, now).kind).toBe("active");
    expect(vpnSessionStatus(new Date(cutoff.getTime() - 1), HOUR, now).kind).toBe("expired");
    expect(vpnSessionCutoff(null, now)).toBeNull();
  });
});

describe("vpnSessionDurationSchema", () => {
  it("accepts never and the five offered durations only", () => {
    for (const seconds of [null, 3_600, 86_400, 604_800, 2_592_000, 7_776_000]) expect(vpnSessionDurationSchema.parse(seconds)).toBe(seconds);
    for (const bad of [0, 60, 7_200, -3_600, 3_600.5, "3600", undefined]) expect(vpnSessionDurationSchema.safeParse(bad).success).toBe(false);
    expect(vpnSessionDurationSchema.safeParse(7_200).error?.issues[0]?.message).toBe("must be Never, 1 hour, 1 day, 1 week, 30 days or 90 days");
  });
});
