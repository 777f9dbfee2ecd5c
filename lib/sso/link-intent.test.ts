import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { deriveEncryptionKey } from "../crypto/keys";
import { signLinkIntent, SSO_LINK_TTL_SECONDS, verifyLinkIntent } from "./link-intent";

const SECRET = "link-intent-test-secret-0123456789abcdef";
const intent = { userId: "11111111-1111-4111-8111-111111111111", providerId: "22222222-2222-4222-8222-222222222222" };

describe("link intents", () => {
  it("verify with the same secret until they expire", () => {
    const now = Date.now();
    const value = signLinkIntent(SECRET, intent, now);
    expect(verifyLinkIntent(SECRET, value, now + 1000)).toMatchObject(intent);
    expect(verifyLinkIntent(SECRET, value, now + SSO_LINK_TTL_SECONDS * 1000 + 1)).toBeNull();
  });

  it("refuse another secret, an edited payload, and junk", () => {
    const value = signLinkIntent(SECRET, intent);
    const [payload, mac] = value.split(".");
    const forged = Buffer.from(JSON.stringify({ ...intent, userId: "33333333-3333-4333-8333-333333333333", expiresAt: Date.now() + 60_000 })).toString("base64url");
    expect(verifyLinkIntent("another-secret-0123456789abcdef-0123456789", value)).toBeNull();
    expect(verifyLinkIntent(SECRET, `${forged}.${mac}`)).toBeNull();
    expect(verifyLinkIntent(SECRET, `${payload}.`)).toBeNull();
    expect(verifyLinkIntent(SECRET, "junk")).toBeNull();
    expect(verifyLinkIntent(SECRET, undefined)).toBeNull();
  });

  it("refuse a cookie signed with the encryption key (what the collector holds)", () => {
    const payload = Buffer.from(JSON.stringify({ ...intent, expiresAt: Date.now() + 60_000 })).toString("base64url");
    const mac = createHmac("sha256", deriveEncryptionKey(SECRET)).update(payload).digest("base64url");
    expect(verifyLinkIntent(SECRET, `${payload}.${mac}`)).toBeNull();
  });
});
