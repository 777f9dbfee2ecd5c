import { describe, expect, it } from "vitest";
import { describePorts, ruleInputSchema } from "./schema";

const base = { action: "drop", destination: "10.0.0.0/8" };
const fieldError = (input: object) => {
  const result = ruleInputSchema.safeParse({ ...base, ...input });
  return result.success ? null : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("ruleInputSchema", () => {
  it("normalises destinations and ports", () => {
    const rule = ruleInputSchema.parse({ ...base, destination: " FD00:0:0::/64 ", protocol: "tcp", ports: "8000 - 8100", userId: "", priority: "20" });
    expect(rule).toMatchObject({ destination: "fd00::/64", userId: null, priority: 20 });
    expect(rule.ports).toEqual({ start: 8000, end: 8100 });
    expect(ruleInputSchema.parse({ ...base, destination: "192.0.2.7" }).destination).toBe("192.0.2.7/32");
    expect(ruleInputSchema.parse({ ...base, destination: "2001:db8::1" }).destination).toBe("2001:db8::1/128");
    expect(ruleInputSchema.parse({ ...base, ports: "443" }).ports).toEqual({ start: 443, end: 443 });
    expect(ruleInputSchema.parse(base)).toMatchObject({ protocol: "any", ports: null, userId: null, priority: null, acceptOverlaps: false });
  });

  it("names the field and the reason for bad input", () => {
    expect(fieldError({ destination: "10.0.0.1/8" })?.destination).toMatch(/host bits/);
    expect(fieldError({ destination: "10.0.0.0/33" })?.destination).toMatch(/IPv4 CIDR/);
    expect(fieldError({ destination: "example.com" })?.destination).toMatch(/IPv4 CIDR/);
    expect(fieldError({ destination: "" })?.destination).toMatch(/required/);
    expect(fieldError({ ports: "0" })?.ports).toMatch(/1-65535/);
    expect(fieldError({ ports: "70000" })?.ports).toMatch(/1-65535/);
    expect(fieldError({ ports: "90-80" })?.ports).toMatch(/low to high/);
    expect(fieldError({ ports: "80,443" })?.ports).toMatch(/range/);
    expect(fieldError({ action: "reject" })?.action).toMatch(/accept or drop/);
    expect(fieldError({ protocol: "icmp" })?.protocol).toMatch(/any, tcp or udp/);
    expect(fieldError({ priority: "0" })?.priority).toMatch(/1 or more/);
    expect(fieldError({ priority: "1.5" })?.priority).toMatch(/whole number/);
    expect(fieldError({ userId: "bob" })?.userId).toMatch(/user id/);
    expect(fieldError({ description: "x".repeat(201) })?.description).toMatch(/200/);
  });
});

describe("describePorts", () => {
  it("says what a rule's protocol and ports match", () => {
    expect(describePorts({ protocol: "any", portStart: null, portEnd: null })).toBe("any protocol");
    expect(describePorts({ protocol: "any", portStart: 53, portEnd: 53 })).toBe("TCP and UDP port 53");
    expect(describePorts({ protocol: "tcp", portStart: 8000, portEnd: 8100 })).toBe("TCP ports 8000-8100");
  });
});
