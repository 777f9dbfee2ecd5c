import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, formTargetOrigins, newNonce, strictTransportSecurity } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split("; ").map((directive) => {
    const [name, ...values] = directive.split(" ");
    return [name!, values];
  }));
}

describe("contentSecurityPolicy", () => {
  const policy = directives(contentSecurityPolicy({ nonce: "abc123==", isHttps: false }));

  it("runs only scripts with this request's nonce, never inline or eval", () => {
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("forbids framing, plugins, base rewriting and forms to other sites", () => {
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("allows inline styles (React style attributes), which cannot run code", () => {
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("adds the SAML sign-on origins to form-action when given", () => {
    const withTargets = directives(contentSecurityPolicy({ nonce: "n", isHttps: false, formTargets: ["https://idp.example.com"] }));
    expect(withTargets.get("form-action")).toEqual(["'self'", "https://idp.example.com"]);
  });

  it("upgrades insecure requests only behind HTTPS, and allows eval only in development", () => {
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(contentSecurityPolicy({ nonce: "n", isHttps: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy({ nonce: "n", isHttps: false, isDevelopment: true })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is fresh every time, with 144 random bits", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(18);
  });
});

describe("formTargetOrigins", () => {
  it("keeps the origin of each http(s) URL once, so no path or keyword gets into the policy", () => {
    expect(
      formTargetOrigins([
        "https://idp.example.com/saml/sso?x=1",
        "https://idp.example.com/other",
        "http://127.0.0.1:3102/simplesaml/saml2/idp/SSOService.php",
        "https://evil.example; script-src *",
        "javascript:alert(1)",
        "not a url",
        "",
      ]),
    ).toEqual(["http://127.0.0.1:3102", "https://idp.example.com"]);
  });
});

describe("strictTransportSecurity", () => {
  it("is sent for an https EXTERNAL_URL only: two years, with subdomains", () => {
    expect(strictTransportSecurity("https://vpn.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity("http://127.0.0.1:3000")).toBeNull();
  });
});
