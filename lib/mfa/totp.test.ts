import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, generateTotpSecret, hotp, matchTotpStep, otpauthUri, timeStep, totpAt } from "./totp";

// The ASCII key both RFCs use for their SHA-1 vectors.
const rfcKey = Buffer.from("12345678901234567890");
const rfcSecret = base32Encode(rfcKey);

describe("base32", () => {
  it("encodes the RFC key as authenticator apps expect and decodes it back", () => {
    expect(rfcSecret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(rfcSecret)).toEqual(rfcKey);
    // RFC 4648 section 10 vectors (without padding).
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb oi======").toString()).toBe("foobar");
  });

  it("refuses characters outside the alphabet", () => {
    expect(() => base32Decode("MZXW1")).toThrow(/base32/);
  });

  it("generates 160-bit secrets that differ", () => {
    const [a, b] = [generateTotpSecret(), generateTotpSecret()];
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(a).not.toBe(b);
  });
});

describe("HOTP (RFC 4226 appendix D)", () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  it.each(expected.map((code, counter) => [counter, code]))("counter %i gives %s", (counter, code) => {
    expect(hotp(rfcKey, counter)).toBe(code);
  });
});

describe("TOTP (RFC 6238 appendix B, SHA-1)", () => {
  const vectors: Array<[number, string]> = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];
  it.each(vectors)("at %i s gives %s (8 digits)", (seconds, code) => {
    expect(totpAt(rfcSecret, seconds * 1000, 8)).toBe(code);
  });

  it("uses 6 digits by default: the last six of the 8-digit code", () => {
    expect(totpAt(rfcSecret, 59_000)).toBe("287082");
  });
});

describe("matchTotpStep", () => {
  const now = 1_800_000_015_000;
  const step = timeStep(now);
  const codeAt = (offsetSteps: number) => totpAt(rfcSecret, now + offsetSteps * 30_000);

  it("accepts the current code and the ones a step either side, answering their step", () => {
    expect(matchTotpStep(rfcSecret, codeAt(0), now, null)).toBe(step);
    expect(matchTotpStep(rfcSecret, codeAt(-1), now, null)).toBe(step - 1);
    expect(matchTotpStep(rfcSecret, codeAt(1), now, null)).toBe(step + 1);
  });

  it("refuses codes two steps away, wrong codes and malformed input", () => {
    expect(matchTotpStep(rfcSecret, codeAt(-2), now, null)).toBeNull();
    expect(matchTotpStep(rfcSecret, codeAt(2), now, null)).toBeNull();
    const wrong = String((Number(codeAt(0)) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotpStep(rfcSecret, wrong, now, null)).toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", `${codeAt(0).slice(0, 5)}x`]) {
      expect(matchTotpStep(rfcSecret, bad, now, null)).toBeNull();
    }
  });

  it("ignores spaces typed between the groups", () => {
    const code = codeAt(0);
    expect(matchTotpStep(rfcSecret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
  });

  it("refuses a code whose step was already used, and older codes still in the window", () => {
    expect(matchTotpStep(rfcSecret, codeAt(0), now, step)).toBeNull();
    expect(matchTotpStep(rfcSecret, codeAt(-1), now, step)).toBeNull();
    expect(matchTotpStep(rfcSecret, codeAt(1), now, step)).toBe(step + 1);
    expect(matchTotpStep(rfcSecret, codeAt(0), now, step - 1)).toBe(step);
  });
});

describe("otpauthUri", () => {
  it("names the issuer and account and carries the parameters apps read", () => {
    const uri = new URL(otpauthUri({ secret: rfcSecret, issuer: "WireGUI", account: "ann+vpn@example.com" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/WireGUI:ann+vpn@example.com");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: rfcSecret, issuer: "WireGUI", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
